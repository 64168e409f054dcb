/**
 * Kafka's view model: the shared cluster list, and the remote stores of the drill-down (brokers;
 * topics, partitions and consumer groups paged, sorted and filtered by the server, made for 10,000
 * groups and 20,000 partitions).
 */
(function () {
    /** A store's proxy for a GET answering Flamingo's envelope; paged lists also send sort, dir, start and limit. */
    function envelope(url, paged) {
        var proxy = {
            type: 'ajax',
            url: url,
            noCache: false,
            reader: {type: 'json', rootProperty: 'list', successProperty: 'success', messageProperty: 'error.message'}
        };
        if (paged) {
            Ext.apply(proxy, {simpleSortMode: true, sortParam: 'sort', directionParam: 'dir', pageParam: ''});
            proxy.reader.totalProperty = 'total';
        }
        return proxy;
    }

    /** A list paged, sorted and filtered by the server, 100 rows a page, first sorted by {@code sorter}. */
    function pagedList(url, fields, sorter) {
        return {fields: fields, pageSize: 100, remoteSort: true, autoLoad: false, sorters: [sorter], proxy: envelope(url, true)};
    }

    Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.KafkaModel', {
        extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaModel',
        alias: 'viewmodel.doflamingoKafka',

        stores: {
            clusters: {
                fields: ['name'],
                data: []
            },
            /** GET /monitoring/kafka/lag: sort=<field>&dir=ASC|DESC&filter=<part of the name>&start&limit */
            groups: pagedList('/monitoring/kafka/lag',
                ['cluster', 'group', 'protocol', 'state', 'maxLag', 'totalLag', 'maxLagSeconds', 'status', 'members', 'health',
                    'stale', 'ageMs'],
                {property: 'maxLag', direction: 'DESC'}),
            /** One group's partitions: GET /monitoring/kafka/lag/partitions?group= */
            groupPartitions: {
                fields: ['topic', {name: 'partition', type: 'int'}, 'committedOffset', 'lag'],
                proxy: envelope('/monitoring/kafka/lag/partitions', false)
            },
            /** GET /monitoring/kafka/brokers: one row per configured broker (a handful: not paged). */
            brokers: {
                fields: ['cluster', 'broker', 'address', 'state', 'lastError', 'controller', 'partitions', 'leaders',
                    'underReplicated', 'messagesIn', 'bytesIn', 'bytesOut', 'heapUsed', 'heapMax', 'health', 'reasons'],
                autoLoad: false,
                proxy: envelope('/monitoring/kafka/brokers', false)
            },
            /** GET /monitoring/kafka/topics: sort=<field>&dir=ASC|DESC&filter=<part of the name>&start&limit */
            topics: pagedList('/monitoring/kafka/topics',
                ['cluster', 'topic', 'partitions', 'replicationFactor', 'underReplicated', 'logEndOffset',
                    'messagesIn', 'bytesIn', 'bytesOut', 'health', 'stale', 'ageMs'],
                {property: 'topic', direction: 'ASC'}),
            /**
             * GET /monitoring/kafka/partitions: topic=<exact name> or filter=<part of it>, sort=<any column>,
             * dir, start, limit; every column sorted by the server (partitions in numeric order).
             */
            partitions: pagedList('/monitoring/kafka/partitions',
                ['cluster', 'topic', {name: 'partition', type: 'int'}, 'leader', 'replicas', 'isr', 'underReplicated',
                    'logEndOffset', 'leaderSeries', 'replicasSeries', 'isrSeries', 'logEndOffsetSeries', 'stale', 'ageMs',
                    'replicaIds', 'isrIds'],
                {property: 'topic', direction: 'ASC'})
        }
    });
})();
