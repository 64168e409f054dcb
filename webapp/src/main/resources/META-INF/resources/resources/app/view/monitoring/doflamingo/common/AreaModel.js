/** What the three areas' view models share: the clusters (ensembles, agents) and the chosen one. */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.AreaModel', {
    extend: 'Ext.app.ViewModel',

    data: {
        cluster: null
    },

    stores: {
        clusters: {
            fields: ['name'],
            data: []
        }
    }
});
