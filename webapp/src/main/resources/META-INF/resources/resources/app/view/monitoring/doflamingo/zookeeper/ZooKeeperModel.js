/** ZooKeeper's view model: the ensembles, the chosen one and the servers table's rows. */
Ext.define('Flamingo2.view.monitoring.doflamingo.zookeeper.ZooKeeperModel', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaModel',
    alias: 'viewmodel.doflamingoZooKeeper',

    stores: {
        clusters: {
            fields: ['name'],
            data: []
        },
        servers: {
            fields: ['server', 'state', 'avgLatency', 'maxLatency', 'outstanding', 'connections', 'znodes', 'watches',
                'ephemerals', 'followers', 'syncedFollowers'],
            data: []
        }
    }
});
