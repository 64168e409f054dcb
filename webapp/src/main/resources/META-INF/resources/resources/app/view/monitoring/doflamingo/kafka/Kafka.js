/**
 * Kafka (menu MN001101, MENU_NS monitoring.doflamingo.kafka.Kafka): Overview of brokers, clients
 * and consumer groups; drill-down cluster → brokers → topics → partitions (a click on a topic opens
 * its partitions), consumer groups with their partitions, and the KRaft quorum; Timeline.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.Kafka', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaView',
    alias: 'widget.doflamingoKafka',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.kafka.KafkaController',
        'Flamingo2.view.monitoring.doflamingo.kafka.KafkaModel',
        'Flamingo2.view.monitoring.doflamingo.kafka.Brokers',
        'Flamingo2.view.monitoring.doflamingo.kafka.Topics',
        'Flamingo2.view.monitoring.doflamingo.kafka.ConsumerGroups',
        'Flamingo2.view.monitoring.doflamingo.kafka.Partitions',
        'Flamingo2.view.monitoring.doflamingo.kafka.Quorum'
    ],

    controller: 'doflamingoKafka',
    viewModel: {type: 'doflamingoKafka'},
    area: 'kafka',
    clusterLabel: 'doflamingo.kafka.cluster',
    /**
     * Titles are label keys (AreaView reads them). References differ from the view model's store
     * names: Ext publishes a referenced component into the view model under its reference, and
     * '{brokers}' then bound the grid to that instead of the store.
     */
    drillDown: [
        {title: 'doflamingo.kafka.tab.brokers', reference: 'brokerTable', xtype: 'doflamingo-kafka-brokers'},
        {title: 'doflamingo.kafka.tab.topics', reference: 'topicTable', xtype: 'doflamingo-kafka-topics', listeners: {topic: 'onTopic'}},
        {title: 'doflamingo.kafka.tab.partitions', reference: 'partitionTable', xtype: 'doflamingo-kafka-partitions'},
        {title: 'doflamingo.kafka.tab.groups', reference: 'groups', xtype: 'doflamingo-kafka-groups'},
        {title: 'doflamingo.kafka.tab.quorum', reference: 'quorumTable', xtype: 'doflamingo-kafka-quorum'}
    ]
});
