/**
 * Partitions of a cluster (GET /monitoring/kafka/partitions): leader, replicas and in-sync replicas
 * (as broker ids: the leader in bold, an out-of-sync replica red; sorted by their counts),
 * under-replication and log-end offset, from the Admin collector's series and replica table. The server filters (by
 * part of the topic name, or one exact topic: a click in the Topics tab sets it), sorts every
 * column (partitions in numeric order) and pages, so 20,000 partitions cost one page of rows.
 * Names are shown as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Partitions', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-kafka-partitions',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.kafka.Tables',
        'Ext.form.field.Checkbox',
        'Ext.toolbar.Paging'
    ],

    mixins: {pagedList: 'Flamingo2.view.monitoring.doflamingo.common.PagedList'},
    bind: {store: '{partitions}'},
    storeName: 'partitions',

    initComponent: function () {
        var me = this, T = Flamingo2.view.monitoring.doflamingo.kafka.Tables,
            Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.emptyText = T.label('partitions.empty');
        me.tbar = [{
            xtype: 'textfield', itemId: 'topic', emptyText: Messages.t('doflamingo.kafka.partitions.filter'), width: 260,
            listeners: {change: {fn: me.applyFilter, scope: me, buffer: 400}}
        }, {
            xtype: 'checkbox', itemId: 'exact', boxLabel: T.label('partitions.exact'),
            listeners: {change: {fn: me.applyFilter, scope: me}}
        }];
        me.bbar = {xtype: 'pagingtoolbar', bind: {store: '{partitions}'}, displayInfo: true};
        me.columns = [
            {text: T.label('col.topic'), dataIndex: 'topic', flex: 2, renderer: function (v, meta, record) {
                return T.text(v) + T.stale(record);
            }},
            {text: T.label('col.partition'), dataIndex: 'partition', width: 120, align: 'right'},
            {text: T.label('col.leader'), dataIndex: 'leader', width: 90, align: 'right', renderer: function (v) {
                return v === -1 ? '<span class="doflamingo-red-text">' + T.label('value.none') + '</span>' : T.text(v);
            }},
            {text: T.label('col.replicas'), dataIndex: 'replicas', width: 150, renderer: T.replicaIds,
                tooltip: T.label('replicas.legend')},
            {text: T.label('col.isr'), dataIndex: 'isr', width: 130, renderer: T.isrIds},
            {text: T.label('col.underReplicated'), dataIndex: 'underReplicated', width: 145, renderer: function (v) {
                return v === true ? '<span class="doflamingo-red-text">' + T.label('value.yes') + '</span>'
                    : v === false ? T.label('value.no') : '–';
            }},
            {text: T.label('col.logEndOffset'), dataIndex: 'logEndOffset', width: 150, align: 'right', renderer: T.count}
        ];
        me.callParent(arguments);
    },

    /** The first page as the topic field says. */
    loadFirstPage: function () {
        this.applyFilter();
    },

    /** One topic only (from the Topics tab): its exact name in the field, "exact" ticked. */
    showTopic: function (topic) {
        var field = this.down('#topic'), exact = this.down('#exact');
        field.suspendEvents();
        exact.suspendEvents();
        field.setValue(topic);
        exact.setValue(true);
        field.resumeEvents();
        exact.resumeEvents();
        this.loaded = true;
        this.pagedStore().getProxy().setExtraParam('clusterName', this.cluster || undefined);
        this.applyFilter();
    },

    /** The field's text as the exact topic (topic=) or as part of topic names (filter=); page 1 again. */
    applyFilter: function () {
        var store = this.pagedStore(), value = this.down('#topic').getValue(), exact = this.down('#exact').getValue();
        store.getProxy().setExtraParam('topic', value && exact ? value : undefined);
        store.getProxy().setExtraParam('filter', value && !exact ? value : undefined);
        store.loadPage(1);
    }
});
