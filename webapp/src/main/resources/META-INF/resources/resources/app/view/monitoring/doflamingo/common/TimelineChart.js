/**
 * A chart of the Timeline: one range read from REST history (the server picks the finest RRD tier
 * that covers it), optionally with the same range an offset earlier drawn dashed over it (today
 * against yesterday). Dragging across it selects a range to zoom to ('zoom' event, ms); its cursor
 * is shared with every chart of the Timeline. The events of its series are marked on it
 * (setEvents; EventMarkers), and where the shared cursor stands is told ('cursortime', ms).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.TimelineChart', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.LiveChart',
    alias: 'widget.doflamingo-timelinechart',
    requires: ['Flamingo2.view.monitoring.doflamingo.common.EventMarkers'],

    height: 250,
    windowMs: Infinity,

    /** Not live: the Timeline calls load() with its range. */
    start: Ext.emptyFn,
    stop: Ext.emptyFn,

    load: function (from, to, offsetMs) {
        var me = this, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest;
        var generation = me.generation = (me.generation || 0) + 1;
        var picked = me.picked || (me.picked = Flamingo2.view.monitoring.doflamingo.common.Libs.ready().then(function () {
            return me.pickSeries();
        }));
        picked.then(function (series) {
            if (series.length === 0) return [series, [], []];
            var ids = series.map(function (s) { return s.id; });
            return Promise.all([series, Rest.history(me.area, ids, from, to),
                offsetMs ? Rest.history(me.area, ids, from - offsetMs, to - offsetMs) : []]);
        }).then(function (r) {
            if (generation !== me.generation || me.gone()) return;
            var Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
            var series = r[0].slice(), histories = r[1].slice();
            me.shownSeries = r[0];
            me.markEvents();
            r[2].forEach(function (h) {
                var s = Ext.Array.findBy(r[0], function (x) { return x.id === h.id; });
                // a comparison range with nothing stored says so in its legend entry
                series.push({id: 'then' + h.id, label: s.label + ' ' + me.offsetText(offsetMs)
                        + (me.hasValues(h) ? '' : ' — ' + Messages.t('doflamingo.timeline.noCompareData')),
                    stroke: me.palette[r[0].indexOf(s) % me.palette.length], dash: [5, 4]});
                histories.push({id: 'then' + h.id, start: h.start + offsetMs, step: h.step, values: h.values});
            });
            if (r[0].length && !r[1].some(function (h) { return me.hasValues(h); })) {
                // a range before the history began or while nothing was collected: words, not a bare grid
                me.showMessage(Messages.t('doflamingo.timeline.noData'));
                return;
            }
            me.draw(series, histories);
            if (me.plot) me.plot.setScale('x', {min: from / 1000, max: to / 1000}); // none when it has no series
        })['catch'](function (e) {
            if (generation === me.generation && !me.gone()) me.showMessage(e.message);
        });
    },

    /** The events of the Timeline's range; those of this chart's series are marked on it. */
    setEvents: function (events) {
        this.rangeEvents = events || []; // not "events": Observable keeps its listeners there
        this.markEvents();
    },

    markEvents: function () {
        var Markers = Flamingo2.view.monitoring.doflamingo.common.EventMarkers, series = this.shownSeries || [];
        this.markedEvents = series.length ? (this.rangeEvents || []).filter(function (e) { return Markers.belongs(e, series); }) : [];
        if (this.plot) Markers.place(this.plot, this);
    },

    /** Draws an event (by id) as selected, and the shared cursor at its moment. */
    selectEvent: function (event) {
        this.selectedEvent = event ? event.id : null;
        if (!this.plot) return;
        Flamingo2.view.monitoring.doflamingo.common.EventMarkers.place(this.plot, this);
        if (event && event.time / 1000 >= this.plot.scales.x.min && event.time / 1000 <= this.plot.scales.x.max) {
            this.plot.setCursor({left: this.plot.valToPos(event.time / 1000, 'x'), top: 10});
        }
    },

    hasValues: function (h) {
        return h.values.some(function (v) { return v !== null && v !== undefined; });
    },

    offsetText: function (ms) {
        var h = ms / 3600000;
        return '(' + (h % 24 === 0 ? '−' + (h / 24) + ' d' : '−' + h + ' h') + ')';
    },

    plotOptions: function (series) {
        var me = this, options = me.callParent(arguments);
        options.cursor = {
            sync: {key: 'doflamingo-timeline-' + me.area},
            drag: {x: true, y: false, setScale: false}
        };
        options.plugins = [Flamingo2.view.monitoring.doflamingo.common.EventMarkers.plugin(me)];
        options.hooks = {
            setCursor: [function (u) {
                if (u.cursor.left >= 0) me.fireEvent('cursortime', me, Math.round(u.posToVal(u.cursor.left, 'x') * 1000));
            }],
            setSelect: [function (u) {
                if (u.select.width < 4) return;
                var min = u.posToVal(u.select.left, 'x'), max = u.posToVal(u.select.left + u.select.width, 'x');
                u.setSelect({left: 0, top: 0, width: 0, height: 0}, false);
                me.fireEvent('zoom', me, Math.round(min * 1000), Math.round(max * 1000));
            }]
        };
        return options;
    }
});
