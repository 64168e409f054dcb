/**
 * The engineer's Timeline: go to any moment (date and time fields, or the range bar over the
 * retained history), zoom (drag across a chart, mouse wheel, + and -) and pan (drag the range
 * bar, arrow keys, the arrow buttons); every chart shares one cursor and one range, read at the
 * finest RRD tier that covers it. "Compare" draws the same range an offset earlier, dashed.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Timeline', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.doflamingo-timeline',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue',
        'Flamingo2.view.monitoring.doflamingo.common.TimelineChart',
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

    initComponent: function () {
        var me = this, now = Date.now(), Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.to = now;
        me.from = now - 3600 * 1000;
        me.tabIndex = 0; // focusable, for the keys
        me.tbar = {
            xtype: 'container',
            layout: 'anchor',
            items: [{
                xtype: 'toolbar', border: false,
                items: [
                    {xtype: 'datefield', itemId: 'date', fieldLabel: Messages.t('doflamingo.timeline.at'), labelWidth: 20, width: 140, format: 'Y-m-d'},
                    {xtype: 'timefield', itemId: 'time', width: 90, format: 'H:i', increment: 15},
                    {xtype: 'combo', itemId: 'span', width: 90, editable: false, queryMode: 'local', value: 3600000,
                        store: [[900000, Messages.t('doflamingo.span.15m')], [3600000, Messages.t('doflamingo.span.1h')],
                            [6 * 3600000, Messages.t('doflamingo.span.6h')], [86400000, Messages.t('doflamingo.span.1d')],
                            [7 * 86400000, Messages.t('doflamingo.span.7d')]]},
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
                listeners: {zoom: function (chart, from, to) { me.setRange(from, to); }}};
        });
        me.callParent(arguments);
    },

    afterRender: function () {
        var me = this;
        me.callParent(arguments);
        Flamingo2.view.monitoring.doflamingo.common.Rest.get(me.area, 'retention').then(function (r) {
            if (me.isDestroyed || me.destroyed) return;
            me.oldest = r.object.oldest;
            if (me.rendered) me.showRange();
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

    setCluster: function (cluster) {
        this.cluster = cluster;
        this.items.each(function (c) {
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

    onGo: function () {
        var date = this.down('#date').getValue(), time = this.down('#time').getValue();
        if (!date) return;
        var at = new Date(date.getTime());
        if (time) at.setHours(time.getHours(), time.getMinutes(), 0, 0);
        var span = this.down('#span').getValue();
        this.setRange(at.getTime() - span / 2, at.getTime() + span / 2);
    },

    /** The range bar: thousandths of the retained history, oldest on the left. */
    onBar: function (slider) {
        var values = slider.getValues(), bounds = this.history(), length = bounds[1] - bounds[0];
        this.setRange(bounds[0] + values[0] / 1000 * length, bounds[0] + values[1] / 1000 * length);
    },

    /** Reads the range into every chart (with the comparison range when asked) and shows it. */
    reload: function () {
        var me = this;
        if (!me.rendered) return;
        var compare = me.down('#compare').getValue() ? me.down('#offset').getValue() : 0;
        me.showRange();
        me.items.each(function (c) { c.load(me.from, me.to, compare); });
    },

    /** The range in the text, the fields and on the bar (whose ends are the retained history's). */
    showRange: function () {
        var me = this, bounds = me.history(), oldest = bounds[0], length = bounds[1] - bounds[0];
        me.down('#rangeText').setText(Ext.String.htmlEncode(Ext.Date.format(new Date(me.from), 'Y-m-d H:i:s') + ' – ' +
            Ext.Date.format(new Date(me.to), 'Y-m-d H:i:s')));
        var bar = me.down('#bar'), left = Math.round((me.from - oldest) / length * 1000),
            right = Math.round((me.to - oldest) / length * 1000);
        bar.el.dom.title = Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.timeline.since',
            Ext.Date.format(new Date(oldest), 'Y-m-d H:i'));
        // thumb by thumb (the form Ext 5.1 has), in an order the thumbs' mutual constraint allows
        if (left > bar.getValue(1)) bar.setValue(1, right, false, false);
        bar.setValue(0, left, false, false);
        bar.setValue(1, right, false, false);
        me.down('#date').setValue(new Date(me.from));
        me.down('#time').setValue(new Date(me.from));
    }
});
