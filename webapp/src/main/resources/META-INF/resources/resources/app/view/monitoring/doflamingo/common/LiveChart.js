/**
 * One live uPlot chart of the Overview: the last 15 minutes from REST history, then each pushed
 * point (STOMP /topic/doflamingo/metric/<metric>) as it comes, redrawn through the RedrawQueue
 * (a few charts per animation frame). Subscribed only while running (its board is visible); on resume the history is read
 * again, so a hidden tab never leaves a gap. A click on the plot asks to open the Timeline at
 * that moment ('jump' event with the time in ms).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.LiveChart', {
    extend: 'Ext.Component',
    alias: 'widget.doflamingo-livechart',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Live',
        'Flamingo2.view.monitoring.doflamingo.common.Libs',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.common.Time',
        'Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue',
        'Flamingo2.view.monitoring.doflamingo.common.SeriesWindow',
        'Flamingo2.view.monitoring.doflamingo.common.RedrawQueue'
    ],

    cls: 'doflamingo-chart',
    height: 230,
    /** @cfg {String} area kafka, zookeeper or flume */
    area: null,
    /** @cfg {String} cluster the clusterName (cluster, ensemble or agent); null for all */
    cluster: null,
    /** @cfg {Object} def one ChartCatalogue entry */
    def: null,
    /** The catalogue's unit of the metric (from its series), set when the series are picked. */
    unit: null,
    loadMs: 15 * 60 * 1000,
    windowMs: 60 * 60 * 1000,
    maxSeries: 8,
    palette: ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'],

    renderTpl: '<div id="{id}-titleEl" data-ref="titleEl" class="doflamingo-chart-title"></div>' +
        '<div id="{id}-plotEl" data-ref="plotEl" class="doflamingo-chart-plot"></div>',
    childEls: ['titleEl', 'plotEl'],

    afterRender: function () {
        this.callParent(arguments);
        this.titleEl.dom.textContent = this.def.title;
        this.titleEl.dom.title = this.def.metric;
    },

    /** Reads the series and their history, then follows the pushed points. */
    start: function () {
        var me = this, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest;
        if (me.running) return;
        me.running = true;
        var generation = me.generation = (me.generation || 0) + 1;
        var early = [];
        me.handle = Flamingo2.view.monitoring.doflamingo.common.Live.subscribe(
            Flamingo2.view.monitoring.doflamingo.common.Live.metricDestination(me.def.metric),
            function (frame) {
                if (early) early.push(frame.points); else me.addPoints(frame.points);
            });
        Flamingo2.view.monitoring.doflamingo.common.Libs.ready().then(function () {
            return me.pickSeries();
        }).then(function (series) {
            if (generation !== me.generation || me.gone()) return;
            me.series = series;
            if (series.length === 0) return [];
            var now = Date.now();
            return Rest.history(me.area, series.map(function (s) { return s.id; }), now - me.loadMs, now);
        }).then(function (histories) {
            if (generation !== me.generation || me.gone() || !histories) return;
            me.draw(me.series, histories);
            var pending = early;
            early = null;
            pending.forEach(function (points) { me.addPoints(points); });
        })['catch'](function (e) {
            if (generation === me.generation && !me.gone()) me.showMessage(e.message);
        });
    },

    /** Ext 5 says isDestroyed, Ext 6 destroyed. */
    gone: function () {
        return this.isDestroyed || this.destroyed;
    },

    stop: function () {
        this.running = false;
        this.generation = (this.generation || 0) + 1;
        Flamingo2.view.monitoring.doflamingo.common.Live.unsubscribe(this.handle);
        this.handle = null;
    },

    /**
     * The chart's series: the metric's series of the cluster, per member, at most maxSeries, each
     * with the catalogue's unit (the series answer carries it). Of consumer groups, the ones
     * lagging most, worst first (the lag list sorted by the server by the chart's figure).
     */
    pickSeries: function () {
        var me = this, def = me.def, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest;
        var params = {metric: def.metric};
        if (me.cluster) params.clusterName = me.cluster;
        var worst = def.worstGroups ? Rest.get('kafka', 'lag', Ext.apply({sort: def.worstGroups, dir: 'DESC', limit: me.maxSeries},
            me.cluster ? {clusterName: me.cluster} : {})) : Promise.resolve(null);
        return Promise.all([Rest.all(me.area, 'series', params), worst]).then(function (answers) {
            var list = answers[0].filter(function (s) {
                return s.labels[def.by] !== undefined && !(def.without && s.labels[def.without] !== undefined);
            });
            if (answers[1]) {
                var rank = {};
                answers[1].list.forEach(function (g, i) { rank[g.cluster + '\u0000' + g.group] = i; });
                list = list.filter(function (s) { return rank[s.labels.cluster + '\u0000' + s.labels.group] !== undefined; });
                list.sort(function (a, b) {
                    return rank[a.labels.cluster + '\u0000' + a.labels.group] - rank[b.labels.cluster + '\u0000' + b.labels.group];
                });
            }
            if (list.length) me.unit = list[0].unit;
            list = list.slice(0, me.maxSeries);
            var Catalogue = Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue, same = Catalogue.sameLabels(list);
            return list.map(function (s) {
                return {id: s.id, labels: s.labels, unit: s.unit, label: Catalogue.label(def, s.labels, same)};
            });
        });
    },

    /** Builds the plot for these series (replacing any) from their history answers. */
    draw: function (series, histories) {
        var me = this, byId = {};
        histories.forEach(function (h) { byId[h.id] = h; });
        var step = histories.length ? histories[0].step : 2000;
        me.index = {};
        series.forEach(function (s, i) { me.index[s.id] = i; });
        me.window = Ext.create('Flamingo2.view.monitoring.doflamingo.common.SeriesWindow', series.length, step, me.windowMs);
        me.window.fill(series.map(function (s) { return byId[s.id] || {start: 0, step: step, values: []}; }));
        me.destroyPlot();
        me.plotEl.dom.textContent = '';
        if (series.length === 0) {
            me.showMessage(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.chart.noSeries', me.def.metric));
            return;
        }
        me.plot = new uPlot(me.plotOptions(series), me.window.data, me.plotEl.dom);
        me.plot.over.addEventListener('click', function () {
            var left = me.plot.cursor.left;
            if (left >= 0) me.fireEvent('jump', me, Math.round(me.plot.posToVal(left, 'x') * 1000));
        });
        me.plot.setSize({width: Math.max(100, me.getWidth() - 2), height: me.plotHeight()});
    },

    /**
     * uPlot's options: one line per series, each named in the legend (which scrolls when they are
     * many); the time axis and the cursor's time in the pages' one time format; the value axis,
     * its scale and every hover value in the metric's unit; the area's shared cursor.
     */
    plotOptions: function (series) {
        var me = this, Units = Flamingo2.view.monitoring.doflamingo.common.Units, Time = Flamingo2.view.monitoring.doflamingo.common.Time,
            unit = me.unit;
        var valueAxis = {
            size: function (u, values) { return me.axisSize(u, values); },
            values: function (u, splits, axisIdx, space, incr) { return Units.ticks(splits, incr, unit); }
        };
        if (Units.isCount(unit)) valueAxis.incrs = Units.countIncrs;
        return {
            width: Math.max(100, me.getWidth() - 2),
            height: me.plotHeight(),
            cursor: {
                sync: {key: 'doflamingo-' + me.area},
                drag: {x: false, y: false}
            },
            legend: {live: true},
            scales: {
                x: {time: true},
                y: {range: function (u, min, max) { return Units.range(min, max, unit); }}
            },
            axes: [{
                // room for a tick's label: with seconds (ranges under 3 minutes) and a 12-hour clock they are long
                space: function (u, axisIdx, min, max) { return max - min < 180 ? (Time.hour12 ? 100 : 75) : (Time.hour12 ? 75 : 60); },
                values: function (u, splits, axisIdx, space, incr) { return Time.ticks(splits, incr); }
            }, valueAxis],
            series: [{
                label: Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.chart.time'),
                value: function (u, v) { return v === null || v === undefined ? '–' : Time.dateTime(v * 1000, true); }
            }].concat(series.map(function (s, i) {
                return {label: s.label, stroke: s.stroke || me.palette[i % me.palette.length], width: s.dash ? 1 : 1.5,
                    dash: s.dash, spanGaps: false, points: {show: false},
                    value: function (u, v) { return Units.format(v, unit); }};
            }))
        };
    },

    /**
     * The value axis as wide as its widest label ("19.5 KiB/s") and the gap to the plot, in steps
     * of 10 px and never narrower than before: a width that changes makes uPlot lay the plot out
     * again, and a redraw that does so costs several times one that does not.
     */
    axisSize: function (u, values) {
        if (values) {
            u.ctx.font = u.axes[1].font[0];
            var widest = values.reduce(function (w, v) { return Math.max(w, u.ctx.measureText(v).width); }, 0);
            this.axisWidth = Math.max(this.axisWidth || 50, Math.ceil((widest / (window.devicePixelRatio || 1) + 16) / 10) * 10);
        }
        return this.axisWidth || 50;
    },

    /** Pushed points [[seriesId, timeMs, value], ...]: the chart's own go in, then one redraw is queued. */
    addPoints: function (points) {
        var me = this, w = me.window, changed = false;
        if (!w) return;
        for (var i = 0; i < points.length; i++) {
            var s = me.index[points[i][0]];
            if (s === undefined) continue;
            w.put(s, points[i][1], points[i][2]);
            changed = true;
        }
        if (!changed) return;
        w.trim();
        me.lastPointMs = w.last();
        Flamingo2.view.monitoring.doflamingo.common.RedrawQueue.request(me);
    },

    /** Draws now (uPlot's batch), not in a later microtask, so the queue's frame budget sees the cost. */
    redraw: function () {
        var me = this;
        if (me.plot) me.plot.batch(function (plot) { plot.setData(me.window.data); });
    },

    /**
     * The plot's height (axes included): the component's less the title and the legend's box
     * (three lines; it scrolls when the series need more, doflamingo.css).
     */
    plotHeight: function () {
        return Math.max(60, this.getHeight() - 22 - 58);
    },

    showMessage: function (text) {
        this.destroyPlot();
        var p = document.createElement('div');
        p.className = 'doflamingo-chart-message';
        p.textContent = text;
        this.plotEl.dom.textContent = '';
        this.plotEl.dom.appendChild(p);
    },

    onResize: function (width, height) {
        this.callParent(arguments);
        if (this.plot) this.plot.setSize({width: Math.max(100, width - 2), height: this.plotHeight()});
    },

    destroyPlot: function () {
        if (this.plot) {
            this.plot.destroy();
            this.plot = null;
        }
    },

    onDestroy: function () {
        this.stop();
        Flamingo2.view.monitoring.doflamingo.common.RedrawQueue.cancel(this);
        this.destroyPlot();
        this.callParent(arguments);
    }
});
