/**
 * Kafka's view model: the shared cluster list, and the two remote stores of the drill-down,
 * paged, sorted and filtered by the server (made for 10,000 groups and 20,000 partitions).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.KafkaModel', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaModel',
    alias: 'viewmodel.doflamingoKafka',

    stores: {
        clusters: {
            fields: ['name'],
            data: []
        },
        /** GET /monitoring/kafka/lag: sort=<field>&dir=ASC|DESC&filter=<part of the name>&start&limit */
        groups: {
            fields: ['cluster', 'group', 'maxLag', 'totalLag', 'maxLagSeconds', 'status', 'members', 'health'],
            pageSize: 100,
            remoteSort: true,
            autoLoad: false,
            sorters: [{property: 'maxLag', direction: 'DESC'}],
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/lag',
                noCache: false,
                simpleSortMode: true,
                sortParam: 'sort',
                directionParam: 'dir',
                pageParam: '',
                reader: {type: 'json', rootProperty: 'list', totalProperty: 'total', successProperty: 'success',
                    messageProperty: 'error.message'}
            }
        },
        /** One group's partitions: GET /monitoring/kafka/lag/partitions?group= */
        groupPartitions: {
            fields: ['topic', {name: 'partition', type: 'int'}, 'committedOffset', 'lag'],
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/lag/partitions',
                noCache: false,
                reader: {type: 'json', rootProperty: 'list', successProperty: 'success', messageProperty: 'error.message'}
            }
        },
        /** kafka.partition.leader series, a page at a time; replicas and ISR are read for the page. */
        partitions: {
            fields: ['id', 'labels', 'leader', 'replicas', 'isr', 'underReplicated',
                {name: 'topic', calculate: function (d) { return d.labels ? d.labels.topic : null; }},
                {name: 'partition', calculate: function (d) { return d.labels ? Number(d.labels.partition) : null; }}],
            pageSize: 100,
            remoteSort: false,
            autoLoad: false,
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/series',
                noCache: false,
                pageParam: '',
                extraParams: {metric: 'kafka.partition.leader'},
                reader: {type: 'json', rootProperty: 'list', totalProperty: 'total', successProperty: 'success',
                    messageProperty: 'error.message'}
            }
        }
    }
});
