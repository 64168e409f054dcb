/**
 * What the three areas' controllers share: the cluster list (from the area's targets), the
 * chosen cluster handed to every tab, the Overview running only while it is the active tab, and
 * the jump from a tile or a chart to the Timeline at a moment. Views name their parts by
 * reference: tabs, overview, tiles, board, timeline.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.AreaController', {
    extend: 'Ext.app.ViewController',
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Rest'],

    /** @cfg {String} area kafka, zookeeper or flume */
    area: null,

    init: function () {
        var me = this;
        Flamingo2.view.monitoring.doflamingo.common.Rest.get(me.area, 'targets').then(function (r) {
            var names = Ext.Array.unique(r.list.map(function (t) { return t.group; })).sort();
            if (me.getView().isDestroyed || me.getView().destroyed) return;
            me.getViewModel().getStore('clusters').loadData(names.map(function (n) { return {name: n}; }));
            me.lookupReference('cluster').setValue(names.length ? names[0] : null);
            if (names.length === 0) me.clusterChanged(null);
        })['catch'](function (e) {
            me.lookupReference('status').setText(Ext.String.htmlEncode(e.message));
        });
    },

    onCluster: function (combo, cluster) {
        this.clusterChanged(cluster);
    },

    /** Every tab shows the chosen cluster; areas add their own tabs by overriding and calling back. */
    clusterChanged: function (cluster) {
        this.getViewModel().set('cluster', cluster);
        this.lookupReference('tiles').setCluster(cluster);
        this.lookupReference('board').setCluster(cluster);
        this.lookupReference('recent').setCluster(cluster);
        this.lookupReference('timeline').setCluster(cluster);
        if (!this.started) {
            this.started = true;
            this.onTabChange(this.lookupReference('tabs'), this.lookupReference('tabs').getActiveTab());
        }
    },

    onTabChange: function (tabs, card) {
        var overview = card === this.lookupReference('overview');
        this.lookupReference('tiles')[overview ? 'start' : 'stop']();
        this.lookupReference('board')[overview ? 'resume' : 'pause']();
        this.lookupReference('recent')[overview ? 'start' : 'stop']();
        if (card === this.lookupReference('timeline')) card.reload();
        if (card.activated) card.activated(this.getViewModel().get('cluster'));
    },

    onJump: function (source, timeMs) {
        var timeline = this.lookupReference('timeline');
        this.lookupReference('tabs').setActiveTab(timeline);
        timeline.goTo(timeMs);
        timeline.focus();
    },

    /** A recent event picked in the Overview: the Timeline around its moment. */
    onEventPicked: function (list, event) {
        this.onJump(list, event.time);
    },

    destroy: function () {
        var tiles = this.lookupReference('tiles'), board = this.lookupReference('board'), recent = this.lookupReference('recent');
        if (recent) recent.stop();
        if (tiles) tiles.stop();
        if (board) board.pause();
        this.callParent(arguments);
    }
});
