/**
 * Brokers of a cluster (GET /monitoring/kafka/brokers): the JMX target's address and collection
 * state, the controller marked, partitions, leaders, under-replicated partitions, throughput, heap
 * and health (the colour of its health tile, and why in words beside it). A few rows: reloaded
 * every 5 s while shown. Names are shown as text.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Brokers', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-kafka-brokers',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.Units',
        'Flamingo2.view.monitoring.doflamingo.kafka.Tables'
    ],

    mixins: {refreshing: 'Flamingo2.view.monitoring.doflamingo.common.Refreshing'},
    bind: {store: '{brokers}'},

    initComponent: function () {
        var me = this, T = Flamingo2.view.monitoring.doflamingo.kafka.Tables,
            Messages = Flamingo2.view.monitoring.doflamingo.common.Messages,
            Units = Flamingo2.view.monitoring.doflamingo.common.Units;
        me.emptyText = T.label('brokers.empty');
        me.columns = [
            {text: T.label('col.broker'), dataIndex: 'broker', width: 150, renderer: function (v, meta, r) {
                return T.text(v) + (r.get('controller')
                    ? ' <span class="doflamingo-controller">' + T.label('value.controller') + '</span>' : '');
            }},
            {text: T.label('col.address'), dataIndex: 'address', flex: 1, minWidth: 150, renderer: T.text},
            {text: T.label('col.state'), dataIndex: 'state', width: 105, renderer: function (v, meta, r) {
                var shown = T.text(Messages.t('doflamingo.target.' + v));
                if (r.get('lastError')) meta.tdAttr = 'data-qtip="' + Ext.String.htmlEncode(Ext.String.htmlEncode(r.get('lastError'))) + '"';
                return v === 'DOWN' ? '<span class="doflamingo-red-text">' + shown + '</span>' : shown;
            }},
            {text: T.label('col.health'), dataIndex: 'health', width: 100, renderer: T.health},
            {text: T.label('col.reasons'), dataIndex: 'reasons', flex: 2, minWidth: 200, renderer: T.reasons},
            {text: T.label('col.partitions'), dataIndex: 'partitions', width: 100, align: 'right', renderer: T.count},
            {text: T.label('col.leaders'), dataIndex: 'leaders', width: 85, align: 'right', renderer: T.count},
            {text: T.label('col.underReplicated'), dataIndex: 'underReplicated', width: 145, align: 'right', renderer: T.alarmCount},
            {text: T.label('col.messagesIn'), dataIndex: 'messagesIn', width: 130, align: 'right',
                renderer: function (v) { return Units.format(v, 'messages/s'); }},
            {text: T.label('col.bytesIn'), dataIndex: 'bytesIn', width: 110, align: 'right',
                renderer: function (v) { return Units.format(v, 'bytes/s'); }},
            {text: T.label('col.bytesOut'), dataIndex: 'bytesOut', width: 115, align: 'right',
                renderer: function (v) { return Units.format(v, 'bytes/s'); }},
            {text: T.label('col.heap'), dataIndex: 'heapUsed', width: 165, align: 'right', renderer: function (v, meta, r) {
                return Units.format(v, 'bytes') + ' / ' + Units.format(r.get('heapMax'), 'bytes');
            }}
        ];
        me.callParent(arguments);
        me.on('hide', me.stopTimer, me);
        me.on('destroy', me.stopTimer, me);
    },

    brokers: function () {
        return this.lookupViewModel().getStore('brokers');
    },

    reload: function () {
        var store = this.brokers();
        store.getProxy().setExtraParam('clusterName', this.cluster || undefined);
        store.load();
    }
});
