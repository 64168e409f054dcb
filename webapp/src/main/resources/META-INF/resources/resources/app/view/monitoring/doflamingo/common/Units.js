/**
 * Numbers as the charts and grids show them, always with the unit the catalogue gives the metric
 * (docs/metrics.md): bytes in binary multiples, ratios and percents as %, everything else with a
 * k/M/G prefix and its unit ("12 ms", "1.2 k msg/s"). Axis ticks share one prefix and as many
 * decimals as their spacing needs, so two ticks never read alike ("0.0 %" three times).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Units', {
    singleton: true,

    /** Long unit names the catalogue uses, shortened where a chart's axis has little room. */
    shortNames: {
        'messages/s': 'msg/s', 'records/s': 'rec/s', 'events/s': 'ev/s', 'fetches/s': 'fetch/s', 'failures/s': 'fail/s',
        'packets/s': 'pkt/s', 'connections': 'conn', 'requests': 'req', 'partitions': 'part', 'messages': 'msg',
        'records': 'rec', 'seconds': 's'
    },

    /** Units of things counted whole: their axes tick at whole numbers (no "0.5 partitions"). */
    counts: ['partitions', 'messages', 'records', 'events', 'connections', 'requests', 'znodes', 'watches', 'status', 'broker id', '1/0'],

    /** uPlot's tick spacings for counts: 1, 2, 5 and their multiples of ten. */
    countIncrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12],

    isCount: function (unit) {
        return this.counts.indexOf(unit) >= 0;
    },

    /** How the unit reads after a number: '' for none, '%' for ratio and percent. */
    suffix: function (unit) {
        // '1/0' (a target up or down) is a state, not a quantity: "1 → 0" says it, "1 1/0" does not
        if (!unit || unit === '1/0') return '';
        if (unit === 'ratio' || unit === 'percent') return '%';
        return this.shortNames[unit] || unit;
    },

    format: function (value, unit) {
        if (value === null || value === undefined || isNaN(value)) return '–';
        if (unit === 'bytes' || unit === 'bytes/s') {
            return this.scaled(value, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']) + (unit === 'bytes/s' ? '/s' : '');
        }
        if (unit === 'ratio') return this.significant(value * 100) + ' %';
        if (unit === 'percent') return this.significant(value) + ' %';
        var s = this.suffix(unit), text = this.scaled(value, 1000, ['', 'k', 'M', 'G', 'T']);
        return s ? text + ' ' + s : text;
    },

    /** Three significant digits at most, no trailing zeros beyond what tells values apart. */
    significant: function (v) {
        var a = Math.abs(v);
        return a === 0 ? '0' : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
    },

    scaled: function (value, base, names) {
        var i = 0, v = Math.abs(value);
        while (v >= base && i < names.length - 1) {
            v /= base;
            i++;
        }
        var digits = v >= 100 || (i === 0 && v === Math.round(v)) ? 0 : v >= 10 ? 1 : 2;
        return (value < 0 ? '-' : '') + v.toFixed(digits) + (names[i] ? ' ' + names[i] : '');
    },

    /**
     * The labels of an axis' ticks (splits, incr as uPlot gives them): one prefix for all (the
     * largest tick's), decimals enough for the spacing, each with the unit.
     */
    ticks: function (splits, incr, unit) {
        var bytes = unit === 'bytes' || unit === 'bytes/s', base = bytes ? 1024 : 1000,
            names = bytes ? ['B', 'KiB', 'MiB', 'GiB', 'TiB'] : ['', 'k', 'M', 'G', 'T'], factor = 1, after;
        if (unit === 'ratio') factor = 100;
        var top = splits.reduce(function (m, v) { return Math.max(m, Math.abs(v * factor)); }, 0), i = 0, divisor = 1;
        if (unit !== 'ratio' && unit !== 'percent') {
            while (top / divisor >= base && i < names.length - 1) {
                divisor *= base;
                i++;
            }
        }
        var step = Math.abs(incr * factor / divisor), digits = step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
        if (bytes) after = ' ' + names[i] + (unit === 'bytes/s' ? '/s' : '');
        else if (unit === 'ratio' || unit === 'percent') after = ' %';
        else after = (names[i] ? ' ' + names[i] : '') + (this.suffix(unit) ? ' ' + this.suffix(unit) : '');
        return splits.map(function (v) {
            return v === null || v === undefined ? '' : (v * factor / divisor).toFixed(digits) + after;
        });
    },

    /**
     * A value scale that reads: from 0 for figures that are never negative (all the catalogue's),
     * a little headroom over the largest value, and a span of at least one unit's step (a flat 0
     * is drawn on 0–1, not 0–100; a ratio on 0–100 %).
     */
    range: function (min, max, unit) {
        if (min === null || max === null || min === undefined || max === undefined || isNaN(min) || isNaN(max)) {
            return unit === 'ratio' ? [0, 1] : unit === 'percent' ? [0, 100] : [0, 1];
        }
        var low = Math.min(0, min), high = max <= 0 ? (min < 0 ? 0 : 1) : max * 1.1;
        if (unit === 'ratio') high = Math.max(high > 1 ? high : 1, 0.01);
        else if (unit === 'percent') high = max <= 0 ? 1 : Math.min(100, Math.max(high, 1));
        if (low < 0) low *= 1.1;
        return [low, high];
    }
});
