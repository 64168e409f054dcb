/**
 * Kafka (menu MN001101, MENU_NS monitoring.doflamingo.kafka.Kafka): Overview of brokers, clients
 * and consumer groups; drill-down to consumer groups (with their partitions) and to partitions
 * (leader, replicas, ISR); Timeline.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Kafka', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaView',
    alias: 'widget.doflamingoKafka',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.kafka.KafkaController',
        'Flamingo2.view.monitoring.doflamingo.kafka.KafkaModel',
        'Flamingo2.view.monitoring.doflamingo.kafka.ConsumerGroups',
        'Flamingo2.view.monitoring.doflamingo.kafka.Partitions'
    ],

    controller: 'doflamingoKafka',
    viewModel: {type: 'doflamingoKafka'},
    area: 'kafka',
    clusterLabel: 'doflamingo.kafka.cluster',
    drillDown: [
        {title: 'doflamingo.kafka.tab.groups', reference: 'groups', xtype: 'doflamingo-kafka-groups'},
        {title: 'doflamingo.kafka.tab.partitions', reference: 'partitions', xtype: 'doflamingo-kafka-partitions'}
    ]
});
