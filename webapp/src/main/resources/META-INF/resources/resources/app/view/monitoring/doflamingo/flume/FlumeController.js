/** Flume's page: the shared area behaviour, and the agent handed to the flow graph. */
Ext.define('Flamingo2.view.monitoring.doflamingo.flume.FlumeController', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaController',
    alias: 'controller.doflamingoFlume',

    area: 'flume',

    clusterChanged: function (cluster) {
        this.lookupReference('flow').setCluster(cluster);
        this.callParent(arguments);
    }
});
