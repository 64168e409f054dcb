/**
 * The columns a uPlot chart draws: one time axis (seconds) and one value array per series,
 * aligned on the collection step (members are scraped a little apart; a point belongs to the step
 * it falls nearest to), holding at most a window of time. Plain arrays mutated in place: uPlot
 * redraws from them without copying, which is what keeps a redraw cheap.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.SeriesWindow', {
    /** @param {Number} count series; @param {Number} stepMs; @param {Number} windowMs kept */
    constructor: function (count, stepMs, windowMs) {
        this.stepMs = stepMs;
        this.windowS = windowMs / 1000;
        this.xs = [];
        this.ys = [];
        for (var i = 0; i < count; i++) this.ys.push([]);
        this.data = [this.xs].concat(this.ys);
    },

    /** Fills from REST history answers ({start, step, values}) in series order. */
    fill: function (histories) {
        var buckets = {}, me = this;
        histories.forEach(function (h) {
            for (var i = 0; i < h.values.length; i++) {
                if (h.values[i] !== null) buckets[me.bucket(h.start + i * h.step)] = true;
            }
        });
        var times = Object.keys(buckets).map(Number).sort(function (a, b) { return a - b; });
        var at = {};
        times.forEach(function (t, i) {
            if (i > 0 && me.isGap(times[i - 1], t)) me.xs.push(me.gapMark(times[i - 1]));
            at[t] = me.xs.length;
            me.xs.push(t);
        });
        me.ys.forEach(function (y) { for (var i = 0; i < times.length; i++) y.push(null); });
        histories.forEach(function (h, s) {
            for (var i = 0; i < h.values.length; i++) {
                if (h.values[i] !== null) me.ys[s][at[me.bucket(h.start + i * h.step)]] = h.values[i];
            }
        });
        me.trim();
    },

    /**
     * Only steps with a value are kept, so a stretch with none (the monitor or the target was
     * down) would be drawn as a straight line across it: a time of no value is put just after the
     * last point before such a gap, and uPlot breaks the line there.
     */
    isGap: function (before, after) {
        return after - before > 2 * this.stepMs / 1000;
    },

    gapMark: function (before) {
        return before + this.stepMs / 1000;
    },

    bucket: function (timeMs) {
        return Math.round(timeMs / this.stepMs) * this.stepMs / 1000;
    },

    /** One point of series s; usually appended, late points go to their place. */
    put: function (s, timeMs, value) {
        var xs = this.xs, b = this.bucket(timeMs), i = xs.length - 1;
        while (i >= 0 && xs[i] > b) i--;
        if (i < 0 || xs[i] !== b) {
            i++;
            if (i === xs.length && i > 0 && this.isGap(xs[i - 1], b)) {
                xs.push(this.gapMark(xs[i - 1]));
                this.ys.forEach(function (y) { y.push(null); });
                i++;
            }
            if (i === xs.length) {
                xs.push(b);
                this.ys.forEach(function (y) { y.push(null); });
            } else {
                xs.splice(i, 0, b);
                this.ys.forEach(function (y) { y.splice(i, 0, null); });
            }
        }
        this.ys[s][i] = value;
    },

    /** Drops what fell out of the window, measured from the newest point. */
    trim: function () {
        var xs = this.xs, n = 0, cutoff = xs.length ? xs[xs.length - 1] - this.windowS : 0;
        while (n < xs.length && xs[n] < cutoff) n++;
        if (n === 0) return;
        xs.splice(0, n);
        this.ys.forEach(function (y) { y.splice(0, n); });
    },

    last: function () {
        return this.xs.length ? this.xs[this.xs.length - 1] * 1000 : null;
    }
});
