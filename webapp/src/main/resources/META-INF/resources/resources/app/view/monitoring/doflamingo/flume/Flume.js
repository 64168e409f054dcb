/**
 * Flume (menu MN001103, MENU_NS monitoring.doflamingo.flume.Flume): Overview of the agents and
 * their channels; the flow graph (the transport network: agents with source → channel → sink,
 * next hops, Kafka topics) with fill levels and rates; Timeline.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.flume.Flume', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaView',
    alias: 'widget.doflamingoFlume',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.flume.FlumeController',
        'Flamingo2.view.monitoring.doflamingo.flume.FlumeModel',
        'Flamingo2.view.monitoring.doflamingo.flume.FlowGraph'
    ],

    controller: 'doflamingoFlume',
    viewModel: {type: 'doflamingoFlume'},
    area: 'flume',
    clusterLabel: 'doflamingo.flume.agent',
    drillDown: [
        {title: 'doflamingo.flume.tab.flow', reference: 'flow', xtype: 'doflamingo-flume-flow'}
    ]
});
