/** Kafka's page: the shared area behaviour, and the cluster handed to the drill-down grids. */
Ext.define('Flamingo2.view.monitoring.doflamingo.kafka.KafkaController', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaController',
    alias: 'controller.doflamingoKafka',

    area: 'kafka',

    clusterChanged: function (cluster) {
        this.lookupReference('groups').setCluster(cluster);
        this.lookupReference('partitions').setCluster(cluster);
        this.callParent(arguments);
    }
});
