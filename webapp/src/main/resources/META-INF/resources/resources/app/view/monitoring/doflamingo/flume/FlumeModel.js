/** Flume's view model: the agents and the chosen one. */
Ext.define('Flamingo2.view.monitoring.doflamingo.flume.FlumeModel', {
    extend: 'Flamingo2.view.monitoring.doflamingo.common.AreaModel',
    alias: 'viewmodel.doflamingoFlume'
});
