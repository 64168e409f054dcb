/**
 * "What changed" around a moment of the Timeline: the area's series ranked by the engine
 * (GET /monitoring/<area>/changes) by how far their window after the moment departs from their
 * window before, the top 20 shown as rows — the series' name as text, score, median before → after
 * in its unit, a sparkline over both windows with the moment marked — and a button per row that
 * adds that series to the Timeline as a chart of its own. Opened by a click on a Timeline chart or
 * the Timeline's "What changed" button; the moment can be typed here and ranked again.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.WhatChanged', {
    extend: 'Ext.window.Window',
    alias: 'widget.doflamingo-whatchanged',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Libs',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.common.Time',
        'Flamingo2.view.monitoring.doflamingo.common.TimelineChart',
        'Ext.form.field.Date',
        'Ext.form.field.Time'
    ],

    cls: 'doflamingo-whatchanged',
    width: 760,
    height: 600,
    layout: 'fit',
    constrain: true,
    closeAction: 'destroy',
    /** @cfg {Flamingo2.view.monitoring.doflamingo.common.Timeline} timeline the one whose moment this ranks, and that rows are added to */
    timeline: null,
    /** @cfg {Number} at the moment, ms */
    at: null,
    beforeMs: 10 * 60000,
    afterMs: 5 * 60000,
    limit: 20,
    sparkWidth: 200,
    sparkHeight: 40,

    initComponent: function () {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Time = Flamingo2.view.monitoring.doflamingo.common.Time;
        var rankOnEnter = {specialkey: function (field, e) { if (e.getKey() === e.ENTER) me.onRank(); }};
        me.title = Messages.t('doflamingo.changes.title');
        me.tbar = [
            {xtype: 'datefield', itemId: 'date', fieldLabel: Messages.t('doflamingo.timeline.at'), labelWidth: 24, width: 144,
                format: Time.extDateFormat(), altFormats: 'Y-m-d|Y/m/d|m/d/Y|d.m.Y', listeners: rankOnEnter},
            {xtype: 'timefield', itemId: 'time', width: 110, format: Time.extTimeFormat(), altFormats: 'H:i|G:i|G:i:s|g:i a|g:i A|g:i:s a|g:ia',
                increment: 15, autoSelect: false, listeners: rankOnEnter},
            {text: Messages.t('doflamingo.changes.rank'), itemId: 'rank', handler: me.onRank, scope: me},
            '->',
            {xtype: 'tbtext', itemId: 'summary'}
        ];
        me.items = [{xtype: 'component', itemId: 'rows', scrollable: 'y', cls: 'doflamingo-change-rows'}];
        me.callParent(arguments);
        // a Timeline that goes (its tab closed, the area left) takes its panel with it
        if (me.timeline) me.mon(me.timeline, 'destroy', function () { me.close(); });
    },

    afterRender: function () {
        var me = this;
        me.callParent(arguments);
        me.rowsEl().on('click', function (e) {
            var button = e.getTarget('.doflamingo-change-add');
            if (button && !button.disabled) me.addToTimeline(me.rowsById[button.getAttribute('data-series')], button);
        });
        if (me.at) me.rank(me.at);
    },

    rowsEl: function () {
        return this.down('#rows').getEl();
    },

    /** Ext 5 says isDestroyed, Ext 6 destroyed. */
    gone: function () {
        return this.isDestroyed || this.destroyed;
    },

    /** The typed moment: ranked again, or said that it cannot be read. */
    onRank: function () {
        var at = Flamingo2.view.monitoring.doflamingo.common.Time.typed(this.down('#date'), this.down('#time'));
        if (at === null) return;
        this.rank(at);
    },

    /** Ranks the area's series around at (ms) and shows the answer with its sparklines. */
    rank: function (at) {
        var me = this, Rest = Flamingo2.view.monitoring.doflamingo.common.Rest,
            Messages = Flamingo2.view.monitoring.doflamingo.common.Messages, Time = Flamingo2.view.monitoring.doflamingo.common.Time;
        var area = me.timeline.area, cluster = me.timeline.cluster;
        me.at = Math.round(at);
        me.down('#date').setValue(new Date(me.at));
        me.down('#time').setValue(new Date(me.at));
        me.setTitle(Ext.String.htmlEncode(Messages.t('doflamingo.changes.titleAt', Time.dateTime(me.at, true))));
        me.message(Messages.t('doflamingo.changes.ranking'));
        var generation = me.generation = (me.generation || 0) + 1;
        var params = {at: me.at, before: me.beforeMs, after: me.afterMs, limit: me.limit};
        if (cluster) params.clusterName = cluster;
        Rest.get(area, 'changes', params).then(function (r) {
            var rows = r.object.rows;
            return Promise.all([r.object, rows.length ? Rest.history(area, rows.map(function (x) { return x.id; }),
                me.at - me.beforeMs, me.at + me.afterMs) : [], Flamingo2.view.monitoring.doflamingo.common.Libs.ready()]);
        }).then(function (answer) {
            if (generation !== me.generation || me.gone()) return;
            me.showAnswer(answer[0], answer[1]);
        })['catch'](function (e) {
            if (generation === me.generation && !me.gone()) me.message(e.message);
        });
    },

    /** One line of text in place of the rows (ranking…, an error, nothing moved). */
    message: function (text) {
        this.destroySparks();
        var el = this.rowsEl().dom, p = document.createElement('div');
        p.className = 'doflamingo-chart-message';
        p.textContent = text;
        el.textContent = '';
        el.appendChild(p);
    },

    showAnswer: function (answer, histories) {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.down('#summary').setText(Ext.String.htmlEncode(Messages.t('doflamingo.changes.summary', answer.ranked, answer.skipped)));
        if (!answer.rows.length) {
            me.message(Messages.t('doflamingo.changes.none'));
            return;
        }
        var byId = {}, el = me.rowsEl().dom;
        histories.forEach(function (h) { byId[h.id] = h; });
        me.destroySparks();
        el.textContent = '';
        me.rowsById = {};
        answer.rows.forEach(function (row, i) {
            me.rowsById[row.id] = row;
            el.appendChild(me.rowElement(row, i, byId[row.id]));
        });
    },

    /** A row as DOM built from text nodes only: names hold whatever a cluster's users typed. */
    rowElement: function (row, i, history) {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Units = Flamingo2.view.monitoring.doflamingo.common.Units;
        function div(cls, text) {
            var d = document.createElement('div');
            d.className = cls;
            if (text !== undefined) d.textContent = text;
            return d;
        }
        var r = div('doflamingo-change-row');
        r.setAttribute('data-series', String(row.id));
        r.appendChild(div('doflamingo-change-rank', String(i + 1)));
        var what = div('doflamingo-change-what');
        var name = div('doflamingo-change-name', me.name(row));
        name.title = row.description || row.metric;
        what.appendChild(name);
        var arrow = row.direction === 'up' ? '▲' : row.direction === 'down' ? '▼' : '•';
        var moved = row.shape === 'spike'
            ? Messages.t('doflamingo.changes.spike', Units.format(row.medianBefore, row.unit), Units.format(row.peakAfter, row.unit))
            : Messages.t('doflamingo.changes.step', Units.format(row.medianBefore, row.unit), Units.format(row.medianAfter, row.unit));
        what.appendChild(div('doflamingo-change-figures', arrow + ' ' + moved + ' · '
            + Messages.t('doflamingo.changes.score', Math.round(row.score * 10) / 10)));
        r.appendChild(what);
        var spark = div('doflamingo-change-spark');
        r.appendChild(spark);
        var add = document.createElement('button');
        add.className = 'doflamingo-change-add';
        add.setAttribute('data-series', String(row.id));
        add.textContent = Messages.t('doflamingo.changes.add');
        r.appendChild(add);
        if (history) me.sparkline(spark, history, row);
        return r;
    },

    /** metric{label="value", ...}: the series as the rest of the pages name it. */
    name: function (row) {
        var labels = Object.keys(row.labels).sort().map(function (k) { return k + '=' + row.labels[k]; });
        return row.metric + (labels.length ? ' {' + labels.join(', ') + '}' : '');
    },

    /** Both windows of one series, the moment as a red line. */
    sparkline: function (el, h, row) {
        var me = this, xs = [], ys = [], at = me.at / 1000;
        for (var i = 0; i < h.values.length; i++) {
            xs.push((h.start + i * h.step) / 1000);
            ys.push(h.values[i] === undefined ? null : h.values[i]);
        }
        var plot = new uPlot({
            width: me.sparkWidth, height: me.sparkHeight,
            legend: {show: false}, cursor: {show: false}, select: {show: false},
            axes: [{show: false}, {show: false}],
            scales: {x: {time: true, min: (me.at - me.beforeMs) / 1000, max: (me.at + me.afterMs) / 1000}},
            series: [{}, {stroke: row.direction === 'down' ? '#1f77b4' : '#d62728', width: 1, spanGaps: false}],
            hooks: {
                draw: [function (u) {
                    var x = Math.round(u.valToPos(at, 'x', true)), ctx = u.ctx;
                    ctx.save();
                    ctx.strokeStyle = '#e6550d';
                    ctx.lineWidth = 1;
                    ctx.beginPath();
                    ctx.moveTo(x + 0.5, u.bbox.top);
                    ctx.lineTo(x + 0.5, u.bbox.top + u.bbox.height);
                    ctx.stroke();
                    ctx.restore();
                }]
            }
        }, [xs, ys], el);
        (me.sparks = me.sparks || []).push(plot);
    },

    destroySparks: function () {
        (this.sparks || []).forEach(function (p) { p.destroy(); });
        this.sparks = [];
    },

    /** The row's series as a chart of its own at the end of the Timeline, over the Timeline's range. */
    addToTimeline: function (row, button) {
        var t = this.timeline, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        if (!row || !t || t.isDestroyed || t.destroyed) return;
        var label = this.name(row);
        var chart = t.addChart({
            def: {key: 'changed-' + row.id, title: label, metric: row.metric},
            changedSeriesId: row.id,
            pickSeries: function () {
                this.unit = row.unit;
                return Promise.resolve([{id: row.id, labels: row.labels, unit: row.unit, label: label}]);
            }
        });
        // the new chart is the Timeline's last: brought into view once laid out
        chart.on('boxready', function () { chart.getEl().dom.scrollIntoView({block: 'nearest'}); }, null, {single: true});
        button.disabled = true;
        button.textContent = Messages.t('doflamingo.changes.added');
    },

    onDestroy: function () {
        this.destroySparks();
        this.callParent(arguments);
    }
});
