/** The servers of an ensemble, one row each, from mntr's figures (latest values, every 5 s while shown). */
Ext.define('Flamingo2.view.monitoring.doflamingo.zookeeper.Servers', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-zookeeper-servers',
    requires: ['Flamingo2.view.monitoring.doflamingo.common.LatestTable', 'Flamingo2.view.monitoring.doflamingo.common.Messages'],

    mixins: {refreshing: 'Flamingo2.view.monitoring.doflamingo.common.Refreshing'},
    bind: {store: '{servers}'},
    roles: ['standalone', 'follower', 'leader', 'observer'],

    initComponent: function () {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.emptyText = Ext.String.htmlEncode(Messages.t('doflamingo.zookeeper.empty'));
        function text(v) { return Ext.String.htmlEncode(v === null || v === undefined ? '–' : String(v)); }
        function n(v) { return v === null || v === undefined ? '–' : Ext.util.Format.number(v, '0,000.##'); }
        me.columns = [
            {text: Messages.t('doflamingo.zookeeper.server'), dataIndex: 'server', flex: 2, renderer: text},
            {text: Messages.t('doflamingo.zookeeper.role'), dataIndex: 'state', width: 100, renderer: function (v) {
                return v === null || v === undefined ? '<span class="doflamingo-red-text">' + text(Messages.t('doflamingo.zookeeper.down')) + '</span>' : text(me.roles[v] || v);
            }},
            {text: Messages.t('doflamingo.zookeeper.avgLatency'), dataIndex: 'avgLatency', width: 130, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.maxLatency'), dataIndex: 'maxLatency', width: 130, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.outstanding'), dataIndex: 'outstanding', width: 110, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.connections'), dataIndex: 'connections', width: 110, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.znodes'), dataIndex: 'znodes', width: 100, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.watches'), dataIndex: 'watches', width: 100, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.ephemerals'), dataIndex: 'ephemerals', width: 100, align: 'right', renderer: n},
            {text: Messages.t('doflamingo.zookeeper.followers'), dataIndex: 'followers', width: 140, align: 'right', renderer: function (v, m, r) {
                return v === null || v === undefined ? '' : n(v) + ' (' + n(r.get('syncedFollowers')) + ')';
            }}
        ];
        me.callParent(arguments);
        me.on('hide', me.stopTimer, me);
        me.on('destroy', me.stopTimer, me);
    },

    reload: function () {
        var me = this;
        Flamingo2.view.monitoring.doflamingo.common.LatestTable.read('zookeeper', me.cluster, 'server', {
            state: 'zookeeper.server_state', avgLatency: 'zookeeper.avg_latency', maxLatency: 'zookeeper.max_latency',
            outstanding: 'zookeeper.outstanding_requests', connections: 'zookeeper.num_alive_connections',
            znodes: 'zookeeper.znode_count', watches: 'zookeeper.watch_count', ephemerals: 'zookeeper.ephemerals_count',
            followers: 'zookeeper.followers', syncedFollowers: 'zookeeper.synced_followers'
        }).then(function (rows) {
            if (!(me.isDestroyed || me.destroyed)) me.getStore().loadData(rows);
        })['catch'](function (e) {
            Ext.toast(Ext.String.htmlEncode(e.message));
        });
    }
});
