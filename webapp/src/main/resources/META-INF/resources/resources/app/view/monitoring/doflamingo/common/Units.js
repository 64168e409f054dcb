/** Numbers as the charts and grids show them, by the catalogue's unit of the metric. */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Units', {
    singleton: true,

    format: function (value, unit) {
        if (value === null || value === undefined || isNaN(value)) return '–';
        if (unit === 'bytes' || unit === 'bytes/s') {
            return this.scaled(value, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']) + (unit === 'bytes/s' ? '/s' : '');
        }
        if (unit === 'ratio') return (value * 100).toFixed(value < 0.1 ? 1 : 0) + ' %';
        if (unit === 'percent') return value.toFixed(1) + ' %';
        return this.scaled(value, 1000, ['', 'k', 'M', 'G', 'T']);
    },

    scaled: function (value, base, names) {
        var i = 0, v = Math.abs(value);
        while (v >= base && i < names.length - 1) {
            v /= base;
            i++;
        }
        var digits = v >= 100 || (i === 0 && v === Math.round(v)) ? 0 : v >= 10 ? 1 : 2;
        return (value < 0 ? '-' : '') + v.toFixed(digits) + (names[i] ? ' ' + names[i] : '');
    }
});
