/**
 * Partitions of a cluster: leader, replicas, in-sync replicas and whether under-replicated, from
 * the Admin collector's series (kafka.partition.leader / replicas / in_sync_replicas). The server
 * pages them (GET /monitoring/kafka/series, 100 at a time, in topic and partition order) and
 * filters by topic; sorting applies to the page shown. Replicas and ISR of the page are read for
 * the same page of their own series, matched by topic and partition.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Partitions', {
    extend: 'Ext.grid.Panel',
    alias: 'widget.doflamingo-kafka-partitions',
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Rest', 'Ext.toolbar.Paging'],

    bind: {store: '{partitions}'},
    emptyText: 'No partitions',

    initComponent: function () {
        var me = this;
        function text(v) { return Ext.String.htmlEncode(v === null || v === undefined ? '–' : String(v)); }
        me.tbar = [{
            xtype: 'textfield', itemId: 'topic', emptyText: 'Topic (exact name)', width: 260,
            listeners: {change: {fn: me.onTopic, scope: me, buffer: 400}}
        }];
        me.bbar = {xtype: 'pagingtoolbar', bind: {store: '{partitions}'}, displayInfo: true};
        me.columns = [
            {text: 'Topic', dataIndex: 'topic', flex: 2, renderer: text},
            {text: 'Partition', dataIndex: 'partition', width: 90, align: 'right'},
            {text: 'Leader', dataIndex: 'leader', width: 90, align: 'right', renderer: function (v) {
                return v === -1 ? '<span class="doflamingo-red-text">none</span>' : text(v);
            }},
            {text: 'Replicas', dataIndex: 'replicas', width: 90, align: 'right', renderer: text},
            {text: 'In sync', dataIndex: 'isr', width: 90, align: 'right', renderer: text},
            {text: 'Under-replicated', dataIndex: 'underReplicated', width: 130, renderer: function (v) {
                return v === true ? '<span class="doflamingo-red-text">yes</span>' : v === false ? 'no' : '–';
            }}
        ];
        me.callParent(arguments);
    },

    /** From the view model: the grid's bound store arrives a tick after the grid. */
    partitions: function () {
        return this.lookupViewModel().getStore('partitions');
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        this.loaded = false;
        if (this.isVisible(true)) this.activated();
    },

    activated: function () {
        if (this.loaded) return;
        this.loaded = true;
        var store = this.partitions();
        if (!store.hasDetailsListener) {
            store.hasDetailsListener = true;
            store.on('load', this.onPage, this);
        }
        store.getProxy().setExtraParam('clusterName', this.cluster || undefined);
        store.loadPage(1);
    },

    onTopic: function (field, value) {
        var store = this.partitions();
        store.getProxy().setExtraParam('label', value ? 'topic=' + value : undefined);
        store.loadPage(1);
    },

    /** The page's leader, replicas and ISR: latest values of the three series of each partition. */
    onPage: function (store, records, ok) {
        if (!ok || !records.length) return;
        var Rest = Flamingo2.view.monitoring.doflamingo.common.Rest, params = Ext.apply({}, store.getProxy().getExtraParams());
        var page = {start: (store.currentPage - 1) * store.pageSize, limit: store.pageSize};
        function key(labels) { return labels.cluster + '\u0000' + labels.topic + '\u0000' + labels.partition; }
        Promise.all(['kafka.partition.replicas', 'kafka.partition.in_sync_replicas'].map(function (metric) {
            return Rest.get('kafka', 'series', Ext.apply({}, {metric: metric}, page, params));
        })).then(function (lists) {
            var ids = records.map(function (r) { return r.get('id'); });
            var field = {};
            records.forEach(function (r) { field[r.get('id')] = 'leader'; });
            lists[0].list.forEach(function (s) { ids.push(s.id); field[s.id] = 'replicas'; });
            lists[1].list.forEach(function (s) { ids.push(s.id); field[s.id] = 'isr'; });
            var now = Date.now();
            return Rest.history('kafka', ids, now - 60000, now).then(function (histories) {
                var values = {};
                histories.forEach(function (h) {
                    var v = null;
                    for (var i = h.values.length - 1; i >= 0 && v === null; i--) v = h.values[i];
                    var row = values[key(h.labels)] || (values[key(h.labels)] = {});
                    row[field[h.id]] = v;
                });
                store.suspendEvents();
                records.forEach(function (r) {
                    var row = values[key(r.get('labels'))] || {};
                    r.set({leader: row.leader, replicas: row.replicas, isr: row.isr,
                        underReplicated: row.isr != null && row.replicas != null ? row.isr < row.replicas : null}, {commit: true});
                });
                store.resumeEvents();
                store.fireEvent('refresh', store);
            });
        })['catch'](function (e) {
            Ext.toast(Ext.String.htmlEncode(e.message));
        });
    }
});
