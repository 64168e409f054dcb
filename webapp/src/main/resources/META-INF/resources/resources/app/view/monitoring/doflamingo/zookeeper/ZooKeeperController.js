/** ZooKeeper's page: the shared area behaviour, and the ensemble handed to the servers table. */
Ext.define('Flamingo2.view.monitoring.doflamingo.zookeeper.ZooKeeperController', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaController',
    alias: 'controller.doflamingoZooKeeper',

    area: 'zookeeper',

    clusterChanged: function (cluster) {
        this.lookupReference('servers').setCluster(cluster);
        this.callParent(arguments);
    }
});
