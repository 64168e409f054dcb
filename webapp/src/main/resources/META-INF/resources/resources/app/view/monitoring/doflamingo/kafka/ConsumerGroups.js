/**
 * Consumer groups of a cluster: protocol (classic, consumer: KIP-848, other: share or streams) and
 * state, lag in offsets and seconds, members, Burrow status and health,
 * paged, sorted and filtered by the server (GET /monitoring/kafka/lag), so 10,000 groups cost one
 * page of rows; below, the selected group's partitions. Names are shown as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.ConsumerGroups', {
    extend: 'Ext.panel.Panel',
    alias: 'widget.doflamingo-kafka-groups',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.kafka.Tables',
        'Ext.grid.Panel',
        'Ext.toolbar.Paging'
    ],

    mixins: {pagedList: 'Flamingo2.view.monitoring.doflamingo.common.PagedList'},
    storeName: 'groups',
    layout: 'border',
    border: false,

    initComponent: function () {
        var me = this, Units = Flamingo2.view.monitoring.doflamingo.common.Units, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        function text(v) { return Ext.String.htmlEncode(v === null || v === undefined ? '' : String(v)); }
        function count(v) { return v === null || v === undefined ? '–' : Ext.util.Format.number(v, '0,000'); }
        // no status yet: Burrow's rules judge a window of commits, which a new group has not filled
        function status(v, meta) {
            if (v) return text(v);
            meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(Ext.String.htmlEncode(Messages.t('doflamingo.groups.statusPendingWhy'))) + '"';
            return '<span class="doflamingo-pending">' + text(Messages.t('doflamingo.groups.statusPending')) + '</span>';
        }
        me.items = [{
            region: 'center', xtype: 'grid', reference: 'groupGrid', itemId: 'groupGrid',
            bind: {store: '{groups}'},
            emptyText: Ext.String.htmlEncode(Messages.t('doflamingo.groups.empty')),
            tbar: [{
                xtype: 'textfield', itemId: 'filter', emptyText: Messages.t('doflamingo.groups.filter'), width: 260,
                listeners: {change: {fn: me.onFilter, scope: me, buffer: 300}}
            }],
            bbar: {xtype: 'pagingtoolbar', bind: {store: '{groups}'}, displayInfo: true},
            columns: [
                {text: Messages.t('doflamingo.groups.group'), dataIndex: 'group', flex: 2, renderer: function (v, meta, record) {
                    return text(v) + Flamingo2.view.monitoring.doflamingo.kafka.Tables.stale(record);
                }},
                {text: Messages.t('doflamingo.groups.protocol'), dataIndex: 'protocol', width: 95, renderer: text},
                {text: Messages.t('doflamingo.groups.state'), dataIndex: 'state', width: 130, renderer: text},
                {text: Messages.t('doflamingo.groups.status'), dataIndex: 'status', width: 120, renderer: status},
                {text: Messages.t('doflamingo.groups.health'), dataIndex: 'health', width: 100,
                    renderer: Flamingo2.view.monitoring.doflamingo.kafka.Tables.health},
                {text: Messages.t('doflamingo.groups.maxLag'), dataIndex: 'maxLag', width: 120, align: 'right', renderer: count},
                {text: Messages.t('doflamingo.groups.totalLag'), dataIndex: 'totalLag', width: 120, align: 'right', renderer: count},
                {text: Messages.t('doflamingo.groups.maxLagSeconds'), dataIndex: 'maxLagSeconds', width: 140, align: 'right',
                    renderer: function (v) { return v === null || v === undefined ? '–' : Units.format(v, 's'); }},
                {text: Messages.t('doflamingo.groups.members'), dataIndex: 'members', width: 100, align: 'right', renderer: count}
            ],
            listeners: {select: me.onGroup, scope: me}
        }, {
            region: 'south', xtype: 'grid', itemId: 'partitionGrid', height: 230, split: true,
            title: Ext.String.htmlEncode(Messages.t('doflamingo.groups.partitionsTitle')),
            bind: {store: '{groupPartitions}'},
            columns: [
                {text: Messages.t('doflamingo.groups.topic'), dataIndex: 'topic', flex: 2, renderer: text},
                {text: Messages.t('doflamingo.groups.partition'), dataIndex: 'partition', width: 100, align: 'right'},
                {text: Messages.t('doflamingo.groups.committedOffset'), dataIndex: 'committedOffset', width: 170, align: 'right', renderer: count},
                {text: Messages.t('doflamingo.groups.lag'), dataIndex: 'lag', width: 120, align: 'right', renderer: count}
            ]
        }];
        me.callParent(arguments);
    },

    onGroup: function (grid, record) {
        var grid2 = this.down('#partitionGrid');
        grid2.setTitle(Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.groups.partitionsOf', record.get('group'))));
        this.lookupViewModel().getStore('groupPartitions').load({params: {group: record.get('group'), clusterName: record.get('cluster')}});
    }
});
