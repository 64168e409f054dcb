/**
 * The engineer's Timeline: go to any moment (the date and time fields give the range's start, taken
 * on Go or Enter; or the range bar over the retained history), zoom (drag across a chart, mouse wheel, + and -) and pan (drag the range
 * bar, arrow keys, the arrow buttons); every chart shares one cursor and one range, read at the
 * finest RRD tier that covers it. "Compare" draws the same range an offset earlier, dashed. A click
 * on a chart (or "What changed", at the range's middle) opens the series that moved most around
 * that moment (WhatChanged).
 * The range's events are listed below the charts and marked on the charts of their entities; a
 * marker clicked selects its row, a row picked puts the cursor on its moment (EventList, EventMarkers).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Timeline', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.doflamingo-timeline',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue',
        'Flamingo2.view.monitoring.doflamingo.common.TimelineChart',
        'Flamingo2.view.monitoring.doflamingo.common.WhatChanged',
        'Flamingo2.view.monitoring.doflamingo.common.EventList',
        'Flamingo2.view.monitoring.doflamingo.common.Time',
        'Ext.slider.Multi',
        'Ext.form.field.Date',
        'Ext.form.field.Time'
    ],

    cls: 'doflamingo-timeline',
    layout: 'column',
    scrollable: 'y',
    border: false,
    bodyPadding: 4,
    /** @cfg {String} area */
    area: null,
    cluster: null,
    /**
     * The oldest moment of the retained history (GET retention); the range bar spans from it to
     * now, and at least minHistoryMs, so a young installation still gets a usable bar.
     */
    oldest: null,
    minHistoryMs: 3600 * 1000,
    minSpanMs: 60 * 1000,
    /** The spans offered; a range of another span (a zoom, a drag) is added to the box as it comes. */
    spans: [900000, 1800000, 3600000, 6 * 3600000, 86400000, 7 * 86400000],
    /** Whether the user has moved the range: until then, the first answer of retention may fit it to the history. */
    moved: false,

    initComponent: function () {
        var me = this, now = Date.now(), Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Time = Flamingo2.view.monitoring.doflamingo.common.Time;
        // Enter in the date or time field is Go, with what is typed (not yet the field's value)
        var goOnEnter = {specialkey: function (field, e) { if (e.getKey() === e.ENTER) me.onGo(); }};
        me.to = now;
        me.from = now - 3600 * 1000;
        me.tabIndex = 0; // focusable, for the keys
        me.tbar = {
            xtype: 'container',
            layout: 'anchor',
            items: [{
                xtype: 'toolbar', border: false,
                items: [
                    {xtype: 'datefield', itemId: 'date', fieldLabel: Messages.t('doflamingo.timeline.from'), labelWidth: 40, width: 160,
                        format: Time.extDateFormat(), altFormats: 'Y-m-d|Y/m/d|m/d/Y|d.m.Y', listeners: goOnEnter},
                    {xtype: 'timefield', itemId: 'time', width: 120, format: Time.extTimeFormat(), altFormats: 'H:i|G:i|G:i:s|g:i a|g:i A|g:i:s a|g:ia',
                        // nothing picked from the list by itself: Enter keeps what is typed
                        increment: 15, autoSelect: false, listeners: goOnEnter},
                    {xtype: 'combo', itemId: 'span', width: 100, editable: false, queryMode: 'local', value: 3600000,
                        valueField: 'ms', displayField: 'text',
                        store: {fields: ['ms', 'text'], data: me.spans.map(function (ms) { return {ms: ms, text: me.spanText(ms)}; })}},
                    {text: Messages.t('doflamingo.timeline.go'), itemId: 'go', handler: me.onGo, scope: me},
                    '-',
                    {text: '◀', tooltip: Messages.t('doflamingo.timeline.earlier'), handler: function () { me.pan(-0.5); }},
                    {text: '▶', tooltip: Messages.t('doflamingo.timeline.later'), handler: function () { me.pan(0.5); }},
                    {text: '+', tooltip: Messages.t('doflamingo.timeline.zoomIn'), handler: function () { me.zoom(0.5); }},
                    {text: '−', tooltip: Messages.t('doflamingo.timeline.zoomOut'), handler: function () { me.zoom(2); }},
                    {text: Messages.t('doflamingo.timeline.now'), handler: function () { me.setRange(Date.now() - (me.to - me.from), Date.now()); }},
                    '-',
                    {xtype: 'checkbox', itemId: 'compare', boxLabel: Messages.t('doflamingo.timeline.compare'), listeners: {change: me.reload, scope: me}},
                    {xtype: 'combo', itemId: 'offset', width: 90, editable: false, queryMode: 'local', value: 86400000,
                        store: [[3600000, Messages.t('doflamingo.offset.1h')], [86400000, Messages.t('doflamingo.offset.1d')],
                            [7 * 86400000, Messages.t('doflamingo.offset.7d')]],
                        listeners: {change: me.reload, scope: me}},
                    '-',
                    {text: Messages.t('doflamingo.changes.open'), itemId: 'changes', tooltip: Messages.t('doflamingo.changes.hint'),
                        handler: function () { me.showChanges((me.from + me.to) / 2); }},
                    '->',
                    {xtype: 'tbtext', itemId: 'rangeText'}
                ]
            }, {
                xtype: 'multislider', itemId: 'bar', anchor: '100%', margin: '0 12 4 12',
                minValue: 0, maxValue: 1000, values: [0, 1000], increment: 1, useTips: false,
                listeners: {changecomplete: me.onBar, scope: me}
            }]
        };
        me.items = Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue.of(me.area).map(function (def) {
            return {xtype: 'doflamingo-timelinechart', area: me.area, cluster: me.cluster, def: def, columnWidth: 0.5, margin: 4,
                listeners: me.chartListeners()};
        });
        me.items.push(me.eventList = Ext.widget('doflamingo-eventlist', {area: me.area, cluster: me.cluster, columnWidth: 1,
            margin: 4, height: 260, listeners: {pick: function (list, event) { me.pickEvent(event, false); }}}));
        me.callParent(arguments);
    },

    afterRender: function () {
        var me = this;
        me.callParent(arguments);
        Flamingo2.view.monitoring.doflamingo.common.Rest.get(me.area, 'retention').then(function (r) {
            if (me.isDestroyed || me.destroyed) return;
            me.oldest = r.object.oldest;
            // a young history: the default hour would squeeze it against the right edge
            if (!me.moved && me.oldest && me.oldest > me.from && Date.now() - me.oldest >= me.minSpanMs) {
                me.from = me.oldest;
                me.to = Date.now();
                if (me.rendered) me.reload();
            } else if (me.rendered) {
                me.showRange();
            }
        })['catch'](function (e) {
            Ext.toast(Ext.String.htmlEncode(e.message)); // the bar keeps its default hour
        });
        me.el.on('keydown', me.onKey, me);
        me.body.on('wheel', function (e) {
            if (!e.getTarget('.u-over')) return;
            e.preventDefault();
            me.zoom(e.browserEvent.deltaY > 0 ? 1.5 : 1 / 1.5);
        }, me);
    },

    /** An event picked (a marker, or a row): selected on every chart and in the list. */
    pickEvent: function (event, fromMarker) {
        this.charts().forEach(function (c) { c.selectEvent(event); });
        if (fromMarker) this.eventList.selectEvent(event.id);
    },

    charts: function () {
        return this.query('doflamingo-timelinechart');
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        this.eventList.cluster = cluster;
        this.charts().forEach(function (c) {
            c.cluster = cluster;
            c.picked = null;
        });
        if (this.rendered) this.reload();
    },

    /** [oldest, now] of the range bar, in ms. */
    history: function () {
        var now = Date.now();
        return [Math.min(this.oldest || now, now - this.minHistoryMs), now];
    },

    /** Shows [from, to] (ms), kept inside the retained history and never past now. */
    setRange: function (from, to) {
        this.moved = true;
        var bounds = this.history(), span = Math.max(this.minSpanMs, to - from);
        span = Math.min(span, bounds[1] - bounds[0]);
        to = Math.min(bounds[1], from + span);
        from = Math.max(bounds[0], to - span);
        this.from = from;
        this.to = to;
        this.reload();
    },

    /** Opens at a moment: a quarter of an hour either side of it. */
    goTo: function (timeMs) {
        this.setRange(timeMs - 15 * 60000, timeMs + 15 * 60000);
    },

    /**
     * "What changed" around at (ms): the panel opened, or the open one ranking again. Not for the
     * click that ends a drag across a chart (a zoom).
     */
    showChanges: function (at) {
        var me = this;
        if (me.zoomedAt && Date.now() - me.zoomedAt < 500) return;
        if (me.changes && !me.changes.isDestroyed && !me.changes.destroyed) {
            me.changes.rank(at);
            me.changes.toFront();
        } else {
            me.changes = Ext.create('Flamingo2.view.monitoring.doflamingo.common.WhatChanged', {timeline: me, at: at});
            me.changes.show();
        }
    },

    pan: function (fraction) {
        var d = (this.to - this.from) * fraction;
        this.setRange(this.from + d, this.to + d);
    },

    zoom: function (factor) {
        var mid = (this.from + this.to) / 2, half = (this.to - this.from) * factor / 2;
        this.setRange(mid - half, mid + half);
    },

    onKey: function (e) {
        var k = e.getKey(), c = String.fromCharCode(e.getCharCode());
        if (e.getTarget('input')) return;
        if (k === e.LEFT) this.pan(-0.25);
        else if (k === e.RIGHT) this.pan(0.25);
        else if (c === '+' || c === '=' || k === 187 || k === 107) this.zoom(0.5);
        else if (c === '-' || k === 189 || k === 109) this.zoom(2);
        else return;
        e.stopEvent();
    },

    /**
     * Go: the range from the typed date and time (the range's start, as the fields show it) over
     * the span chosen. What is typed counts even before the field has taken it (Go clicked or
     * Enter pressed with the cursor still in the field); a time that cannot be read is said so.
     */
    onGo: function () {
        var at = Flamingo2.view.monitoring.doflamingo.common.Time.typed(this.down('#date'), this.down('#time'));
        if (at === null) return;
        // the start as typed: a span reaching past now is cut at now rather than the start moved back
        this.setRange(at, Math.min(Date.now(), at + this.down('#span').getValue()));
    },

    /** A span as the box shows it: 15 min, 1 h, 1 day, 7 days, or as near as words go (42 min, 5.5 h). */
    spanText: function (ms) {
        var Messages = Flamingo2.view.monitoring.doflamingo.common.Messages, min = ms / 60000;
        var named = {15: '15m', 60: '1h', 360: '6h', 1440: '1d', 10080: '7d'}[Math.round(min)];
        if (named && Math.abs(min - Math.round(min)) < 0.01) return Messages.t('doflamingo.span.' + named);
        if (min < 120) return Messages.t('doflamingo.span.minutes', Math.round(min));
        if (min < 2880) return Messages.t('doflamingo.span.hours', Math.round(min / 6) / 10);
        return Messages.t('doflamingo.span.days', Math.round(min / 144) / 10);
    },

    /** The span box shows the range's span: one of its own, else that span added to it. */
    showSpan: function (ms) {
        var box = this.down('#span'), store = box.getStore();
        ms = Math.round(ms / 1000) * 1000;
        store.each(function (r) {
            if (r.get('custom') && r.get('ms') !== ms) store.remove(r);
        });
        if (!store.findRecord('ms', ms, 0, false, false, true)) store.add({ms: ms, text: this.spanText(ms), custom: true});
        box.setValue(ms);
    },

    /** The range bar: thousandths of the retained history, oldest on the left. */
    onBar: function (slider) {
        var values = slider.getValues(), bounds = this.history(), length = bounds[1] - bounds[0];
        this.setRange(bounds[0] + values[0] / 1000 * length, bounds[0] + values[1] / 1000 * length);
    },

    /** What every chart of the Timeline tells it: a zoom sets the range, a click asks what changed, its markers and cursor link to the events list. */
    chartListeners: function () {
        var me = this;
        return {zoom: function (chart, from, to) { me.zoomedAt = Date.now(); me.setRange(from, to); },
            jump: function (chart, at) { me.showChanges(at); },
            eventclick: function (chart, event) { me.pickEvent(event, true); },
            cursortime: function (chart, t) { me.eventList.highlight(t); }};
    },

    /**
     * One more chart at the end (What changed's "Add to Timeline"), over the range, marking the
     * range's events of its series and linked to the list like the others.
     */
    addChart: function (config) {
        var me = this, chart = me.add(Ext.apply({xtype: 'doflamingo-timelinechart', area: me.area, cluster: me.cluster,
            columnWidth: 0.5, margin: 4, listeners: me.chartListeners()}, config));
        chart.load(me.from, me.to, me.down('#compare').getValue() ? me.down('#offset').getValue() : 0);
        chart.setEvents(me.eventList.store.getRange().map(function (r) { return r.getData(); }));
        return chart;
    },

    /** Reads the range into every chart (with the comparison range when asked) and shows it. */
    reload: function () {
        var me = this;
        if (!me.rendered) return;
        var compare = me.down('#compare').getValue() ? me.down('#offset').getValue() : 0;
        me.showRange();
        me.charts().forEach(function (c) { c.load(me.from, me.to, compare); });
        me.eventList.load(me.from, me.to).then(function (events) {
            me.charts().forEach(function (c) { c.setEvents(events); });
        });
    },

    /** The range in the text, the fields (its start), the span box and on the bar (whose ends are the retained history's). */
    showRange: function () {
        var me = this, bounds = me.history(), oldest = bounds[0], length = bounds[1] - bounds[0],
            Time = Flamingo2.view.monitoring.doflamingo.common.Time, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.down('#rangeText').setText(Ext.String.htmlEncode(Time.dateTime(me.from, true) + ' – ' + Time.dateTime(me.to, true)));
        var bar = me.down('#bar'), left = Math.round((me.from - oldest) / length * 1000),
            right = Math.round((me.to - oldest) / length * 1000);
        // the history's true start (the bar reaches further back when the history is younger than an hour)
        bar.el.dom.title = me.oldest ? Messages.t('doflamingo.timeline.since', Time.dateTime(me.oldest))
            : Messages.t('doflamingo.timeline.noHistory');
        // thumb by thumb (the form Ext 5.1 has), in an order the thumbs' mutual constraint allows
        if (left > bar.getValue(1)) bar.setValue(1, right, false, false);
        bar.setValue(0, left, false, false);
        bar.setValue(1, right, false, false);
        me.down('#date').setValue(new Date(me.from));
        me.down('#time').setValue(new Date(me.from));
        me.showSpan(me.to - me.from);
    }
});
