/**
 * ZooKeeper (menu MN001102, MENU_NS monitoring.doflamingo.zookeeper.ZooKeeper): Overview of the
 * ensembles and servers; the servers table (role, latency, outstanding requests, connections,
 * znodes, watches); Timeline.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.zookeeper.ZooKeeper', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaView',
    alias: 'widget.doflamingoZooKeeper',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.zookeeper.ZooKeeperController',
        'Flamingo2.view.monitoring.doflamingo.zookeeper.ZooKeeperModel',
        'Flamingo2.view.monitoring.doflamingo.zookeeper.Servers'
    ],

    controller: 'doflamingoZooKeeper',
    viewModel: {type: 'doflamingoZooKeeper'},
    area: 'zookeeper',
    clusterLabel: 'doflamingo.zookeeper.ensemble',
    drillDown: [
        {title: 'doflamingo.zookeeper.tab.servers', reference: 'servers', xtype: 'doflamingo-zookeeper-servers'}
    ]
});
