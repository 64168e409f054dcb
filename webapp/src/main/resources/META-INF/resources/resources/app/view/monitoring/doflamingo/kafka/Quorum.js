/**
 * The KRaft metadata quorum of a cluster (GET /monitoring/kafka/quorum), as ZooKeeper's ensemble
 * is shown: a line with the leader (the active controller), the epoch and the committed offset,
 * then one row per voter (controller) and observer (broker) with its log end offset, its lag
 * behind the committed end, how long since it last caught up, its JMX target's state and its
 * health. A ZooKeeper-mode cluster shows the empty text. Reloaded every 5 s while shown; every
 * value from a cluster is shown as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Quorum', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-kafka-quorum',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Rest',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.kafka.Tables'
    ],

    mixins: {refreshing: 'Flamingo2.view.monitoring.doflamingo.common.Refreshing'},
    // the rows come by loadData (one call answers the summary too), which is no store load: show the empty text anyway
    viewConfig: {deferEmptyText: false},

    initComponent: function () {
        var me = this, T = Flamingo2.view.monitoring.doflamingo.kafka.Tables,
            Units = Flamingo2.view.monitoring.doflamingo.common.Units;
        me.store = Ext.create('Ext.data.Store', {
            fields: ['cluster', 'id', 'role', 'leader', 'logEndOffset', 'lag', 'caughtUpAgeMs', 'targetState', 'health']
        });
        me.emptyText = T.label('quorum.empty');
        me.tbar = [{xtype: 'tbtext', itemId: 'summary', html: ''}];
        me.columns = [
            {text: T.label('quorum.cluster'), dataIndex: 'cluster', width: 140, renderer: T.text},
            {text: T.label('quorum.node'), dataIndex: 'id', width: 110, renderer: function (v, meta, r) {
                return T.text(v) + (r.get('leader')
                    ? ' <span class="doflamingo-controller">' + T.label('quorum.leader') + '</span>' : '');
            }},
            {text: T.label('quorum.role'), dataIndex: 'role', width: 160, renderer: function (v) {
                return T.label(v === 'voter' ? 'quorum.voter' : 'quorum.observer');
            }},
            {text: T.label('col.health'), dataIndex: 'health', width: 120, renderer: T.health},
            {text: T.label('quorum.logEndOffset'), dataIndex: 'logEndOffset', width: 140, align: 'right', renderer: T.count},
            // a few records behind is normal between fetches: the health column says when it is not
            {text: T.label('quorum.lag'), dataIndex: 'lag', width: 130, align: 'right', renderer: T.count},
            {text: T.label('quorum.caughtUp'), dataIndex: 'caughtUpAgeMs', width: 170, align: 'right',
                renderer: function (v) { return v === null || v === undefined ? '–' : Units.format(v, 'ms'); }},
            {text: T.label('quorum.target'), dataIndex: 'targetState', flex: 1, renderer: function (v) {
                return v ? T.text(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.target.' + v)) : '–';
            }}
        ];
        me.callParent(arguments);
        me.on('hide', me.stopTimer, me);
        me.on('destroy', me.stopTimer, me);
    },

    reload: function () {
        var me = this, T = Flamingo2.view.monitoring.doflamingo.kafka.Tables;
        Flamingo2.view.monitoring.doflamingo.common.Rest.get('kafka', 'quorum', {clusterName: me.cluster || undefined}).then(function (r) {
            var rows = [], summary = [];
            if (me.isDestroyed || me.destroyed) return;
            (r.list || []).forEach(function (q) {
                summary.push(T.text(q.cluster) + ': ' + T.label('quorum.leader') + ' ' + T.text(q.leader) + ', '
                    + T.label('quorum.epoch') + ' ' + T.text(q.epoch) + ', ' + T.label('quorum.highWatermark') + ' ' + T.count(q.highWatermark));
                (q.members || []).forEach(function (m) { rows.push(Ext.apply({cluster: q.cluster}, m)); });
            });
            me.down('#summary').update(summary.join(' &nbsp; '));
            me.store.loadData(rows);
        }, function (e) {
            if (!(me.isDestroyed || me.destroyed)) me.down('#summary').update(T.text(e.message));
        });
    }
});
