/**
 * The Overview's live charts of one area and cluster, three abreast. Which charts show is the
 * user's choice per area and cluster, kept in the browser (localStorage, keyed by Flamingo's user
 * name, SESSION.USERNAME). Charts follow the push only while the board is shown (resume/pause).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.ChartBoard', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.doflamingo-chartboard',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue',
        'Flamingo2.view.monitoring.doflamingo.common.LiveChart'
    ],

    cls: 'doflamingo-board',
    layout: 'column',
    scrollable: 'y',
    border: false,
    bodyPadding: 4,
    /** @cfg {String} area */
    area: null,
    cluster: null,

    initComponent: function () {
        var me = this;
        me.defs = Flamingo2.view.monitoring.doflamingo.common.ChartCatalogue.of(me.area);
        me.tbar = [{
            text: Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.board.charts'),
            itemId: 'choose',
            menu: {
                items: me.defs.map(function (def) {
                    return {text: Ext.String.htmlEncode(def.title), chartKey: def.key, checked: true, hideOnClick: false,
                        checkHandler: me.onChoose, scope: me};
                })
            }
        }, {xtype: 'tbtext', text: Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.board.hint'))}];
        me.callParent(arguments);
    },

    storageKey: function () {
        var user = (window.SESSION && SESSION.USERNAME) || 'anonymous';
        return 'doflamingo.charts.' + user + '.' + this.area + '.' + (this.cluster || '*');
    },

    chosen: function () {
        var saved = null;
        try {
            saved = JSON.parse(window.localStorage.getItem(this.storageKey()));
        } catch (e) {
            saved = null; // unreadable or no storage: everything
        }
        return Ext.isArray(saved) ? saved : this.defs.map(function (d) { return d.key; });
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        this.rebuild();
    },

    /** Makes the chosen charts (and the menu agree with them); they run if the board does. */
    rebuild: function () {
        var me = this, keys = me.chosen();
        me.down('#choose').menu.items.each(function (item) {
            item.setChecked(keys.indexOf(item.chartKey) >= 0, true);
        });
        Ext.suspendLayouts();
        me.removeAll(true);
        me.defs.forEach(function (def) {
            if (keys.indexOf(def.key) < 0) return;
            var chart = me.add({xtype: 'doflamingo-livechart', area: me.area, cluster: me.cluster, def: def, columnWidth: 1 / 3,
                margin: 4});
            me.relayEvents(chart, ['jump']);
        });
        Ext.resumeLayouts(true);
        if (me.running) me.each(function (c) { c.start(); });
    },

    onChoose: function () {
        var keys = [];
        this.down('#choose').menu.items.each(function (item) {
            if (item.checked) keys.push(item.chartKey);
        });
        try {
            window.localStorage.setItem(this.storageKey(), JSON.stringify(keys));
        } catch (e) {
            // private mode or full: the choice lasts this page only
        }
        this.rebuild();
    },

    each: function (fn) {
        this.items.each(function (c) { if (c.isXType('doflamingo-livechart')) fn(c); });
    },

    resume: function () {
        if (this.running) return;
        this.running = true;
        this.each(function (c) { c.start(); });
    },

    pause: function () {
        this.running = false;
        this.each(function (c) { c.stop(); });
    }
});
