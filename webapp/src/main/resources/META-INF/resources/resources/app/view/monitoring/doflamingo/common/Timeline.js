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
    /** How far back the range bar reaches: the 1-minute tier's two weeks and then some. */
    retentionMs: 30 * 24 * 3600 * 1000,
    minSpanMs: 60 * 1000,

    initComponent: function () {
        var me = this, now = Date.now();
        me.to = now;
        me.from = now - 3600 * 1000;
        me.tabIndex = 0; // focusable, for the keys
        me.tbar = {
            xtype: 'container',
            layout: 'anchor',
            items: [{
                xtype: 'toolbar', border: false,
                items: [
                    {xtype: 'datefield', itemId: 'date', fieldLabel: 'At', labelWidth: 20, width: 140, format: 'Y-m-d'},
                    {xtype: 'timefield', itemId: 'time', width: 90, format: 'H:i', increment: 15},
                    {xtype: 'combo', itemId: 'span', width: 90, editable: false, queryMode: 'local', value: 3600000,
                        store: [[900000, '15 min'], [3600000, '1 h'], [6 * 3600000, '6 h'], [86400000, '1 day'], [7 * 86400000, '7 days']]},
                    {text: 'Go', itemId: 'go', handler: me.onGo, scope: me},
                    '-',
                    {text: '◀', tooltip: 'Earlier (←)', handler: function () { me.pan(-0.5); }},
                    {text: '▶', tooltip: 'Later (→)', handler: function () { me.pan(0.5); }},
                    {text: '+', tooltip: 'Zoom in (+, wheel, drag across a chart)', handler: function () { me.zoom(0.5); }},
                    {text: '−', tooltip: 'Zoom out (-, wheel)', handler: function () { me.zoom(2); }},
                    {text: 'Now', handler: function () { me.setRange(Date.now() - (me.to - me.from), Date.now()); }},
                    '-',
                    {xtype: 'checkbox', itemId: 'compare', boxLabel: 'Compare with', listeners: {change: me.reload, scope: me}},
                    {xtype: 'combo', itemId: 'offset', width: 90, editable: false, queryMode: 'local', value: 86400000,
                        store: [[3600000, '−1 h'], [86400000, '−24 h'], [7 * 86400000, '−7 days']],
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

    /** Shows [from, to] (ms), kept inside the retained history and never past now. */
    setRange: function (from, to) {
        var now = Date.now(), span = Math.max(this.minSpanMs, to - from);
        span = Math.min(span, this.retentionMs);
        to = Math.min(now, from + span);
        from = Math.max(now - this.retentionMs, to - span);
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
        var values = slider.getValues(), now = Date.now(), oldest = now - this.retentionMs;
        this.setRange(oldest + values[0] / 1000 * this.retentionMs, oldest + values[1] / 1000 * this.retentionMs);
    },

    reload: function () {
        var me = this, now = Date.now(), oldest = now - me.retentionMs;
        if (!me.rendered) return;
        var compare = me.down('#compare').getValue() ? me.down('#offset').getValue() : 0;
        me.down('#rangeText').setText(Ext.String.htmlEncode(Ext.Date.format(new Date(me.from), 'Y-m-d H:i:s') + ' – ' +
            Ext.Date.format(new Date(me.to), 'Y-m-d H:i:s')));
        var bar = me.down('#bar'), left = Math.round((me.from - oldest) / me.retentionMs * 1000),
            right = Math.round((me.to - oldest) / me.retentionMs * 1000);
        // thumb by thumb (the form Ext 5.1 has), in an order the thumbs' mutual constraint allows
        if (left > bar.getValue(1)) bar.setValue(1, right, false, false);
        bar.setValue(0, left, false, false);
        bar.setValue(1, right, false, false);
        me.down('#date').setValue(new Date(me.from));
        me.down('#time').setValue(new Date(me.from));
        me.items.each(function (c) { c.load(me.from, me.to, compare); });
    }
});
