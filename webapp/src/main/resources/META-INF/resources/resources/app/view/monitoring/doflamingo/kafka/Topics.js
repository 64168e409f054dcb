/**
 * Topics of a cluster (GET /monitoring/kafka/topics): partitions, replication factor,
 * under-replicated partitions, log-end offsets and throughput, paged, sorted and filtered by the
 * server. A click on a topic fires 'topic' (the area controller opens the Partitions tab filtered
 * to it). Names are shown as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Topics', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-kafka-topics',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.kafka.Tables',
        'Ext.toolbar.Paging'
    ],

    mixins: {pagedList: 'Flamingo2.view.monitoring.doflamingo.common.PagedList'},
    bind: {store: '{topics}'},
    storeName: 'topics',

    initComponent: function () {
        var me = this, T = Flamingo2.view.monitoring.doflamingo.kafka.Tables,
            Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Units = Flamingo2.view.monitoring.doflamingo.common.Units;
        me.emptyText = T.label('topics.empty');
        me.tbar = [{
            xtype: 'textfield', itemId: 'filter', emptyText: Messages.t('doflamingo.kafka.topics.filter'), width: 260,
            listeners: {change: {fn: me.onFilter, scope: me, buffer: 300}}
        }];
        me.bbar = {xtype: 'pagingtoolbar', bind: {store: '{topics}'}, displayInfo: true};
        me.columns = [
            {text: T.label('col.topic'), dataIndex: 'topic', flex: 2, renderer: function (v, meta, record) {
                meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(T.label('topics.open')) + '"';
                return '<span class="doflamingo-topic-link">' + T.text(v) + '</span>' + T.stale(record);
            }},
            {text: T.label('col.health'), dataIndex: 'health', width: 100, renderer: T.health},
            {text: T.label('col.partitions'), dataIndex: 'partitions', width: 100, align: 'right', renderer: T.count},
            {text: T.label('col.replicationFactor'), dataIndex: 'replicationFactor', width: 150, align: 'right', renderer: T.count},
            {text: T.label('col.underReplicated'), dataIndex: 'underReplicated', width: 145, align: 'right', renderer: T.alarmCount},
            {text: T.label('col.logEndOffsets'), dataIndex: 'logEndOffset', width: 180, align: 'right', renderer: T.count},
            {text: T.label('col.messagesIn'), dataIndex: 'messagesIn', width: 130, align: 'right',
                renderer: function (v) { return Units.format(v, 'messages/s'); }},
            {text: T.label('col.bytesIn'), dataIndex: 'bytesIn', width: 110, align: 'right',
                renderer: function (v) { return Units.format(v, 'bytes/s'); }},
            {text: T.label('col.bytesOut'), dataIndex: 'bytesOut', width: 115, align: 'right',
                renderer: function (v) { return Units.format(v, 'bytes/s'); }}
        ];
        me.callParent(arguments);
        me.on('itemclick', function (grid, record) {
            me.fireEvent('topic', me, record.get('cluster'), record.get('topic'));
        });
    },
});
