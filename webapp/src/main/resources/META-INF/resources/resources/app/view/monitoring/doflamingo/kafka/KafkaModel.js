/**
 * Kafka's view model: the shared cluster list, and the remote stores of the drill-down (brokers;
 * topics, partitions and consumer groups paged, sorted and filtered by the server, made for 10,000
 * groups and 20,000 partitions).
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
        /** GET /monitoring/kafka/brokers: one row per configured broker (a handful: not paged). */
        brokers: {
            fields: ['cluster', 'broker', 'address', 'state', 'lastError', 'controller', 'partitions', 'leaders',
                'underReplicated', 'messagesIn', 'bytesIn', 'bytesOut', 'heapUsed', 'heapMax', 'health', 'reasons'],
            autoLoad: false,
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/brokers',
                noCache: false,
                reader: {type: 'json', rootProperty: 'list', successProperty: 'success', messageProperty: 'error.message'}
            }
        },
        /** GET /monitoring/kafka/topics: sort=<field>&dir=ASC|DESC&filter=<part of the name>&start&limit */
        topics: {
            fields: ['cluster', 'topic', 'partitions', 'replicationFactor', 'underReplicated', 'logEndOffset',
                'messagesIn', 'bytesIn', 'bytesOut', 'health'],
            pageSize: 100,
            remoteSort: true,
            autoLoad: false,
            sorters: [{property: 'topic', direction: 'ASC'}],
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/topics',
                noCache: false,
                simpleSortMode: true,
                sortParam: 'sort',
                directionParam: 'dir',
                pageParam: '',
                reader: {type: 'json', rootProperty: 'list', totalProperty: 'total', successProperty: 'success',
                    messageProperty: 'error.message'}
            }
        },
        /**
         * GET /monitoring/kafka/partitions: topic=<exact name> or filter=<part of it>, sort=<any column>,
         * dir, start, limit; every column sorted by the server (partitions in numeric order).
         */
        partitions: {
            fields: ['cluster', 'topic', {name: 'partition', type: 'int'}, 'leader', 'replicas', 'isr', 'underReplicated',
                'logEndOffset', 'leaderSeries', 'replicasSeries', 'isrSeries', 'logEndOffsetSeries'],
            pageSize: 100,
            remoteSort: true,
            autoLoad: false,
            sorters: [{property: 'topic', direction: 'ASC'}],
            proxy: {
                type: 'ajax',
                url: '/monitoring/kafka/partitions',
                noCache: false,
                simpleSortMode: true,
                sortParam: 'sort',
                directionParam: 'dir',
                pageParam: '',
                reader: {type: 'json', rootProperty: 'list', totalProperty: 'total', successProperty: 'success',
                    messageProperty: 'error.message'}
            }
        }
    }
});
