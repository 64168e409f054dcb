/** Kafka's page: the shared area behaviour, the cluster handed to the drill-down grids, and topic → partitions. */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.KafkaController', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaController',
    alias: 'controller.doflamingoKafka',

    area: 'kafka',

    clusterChanged: function (cluster) {
        this.lookupReference('brokerTable').setCluster(cluster);
        this.lookupReference('topicTable').setCluster(cluster);
        this.lookupReference('groups').setCluster(cluster);
        this.lookupReference('partitionTable').setCluster(cluster);
        this.lookupReference('quorumTable').setCluster(cluster);
        this.callParent(arguments);
    },

    /** A click on a topic: the Partitions tab, showing that topic only. */
    onTopic: function (topics, cluster, topic) {
        var partitions = this.lookupReference('partitionTable');
        partitions.loaded = true; // the tab change must not load the unfiltered list first
        this.lookupReference('tabs').setActiveTab(partitions);
        partitions.showTopic(topic);
    }
});
