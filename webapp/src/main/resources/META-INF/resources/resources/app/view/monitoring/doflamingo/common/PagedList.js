/**
 * What the lists paged, sorted and filtered by the server share (consumer groups, topics,
 * partitions): their store, read from the view model (the grid's bound store arrives a tick after
 * the grid), loaded when first shown (the area controller calls activated() on tab change) or when
 * the cluster changes. The class names its store (storeName) and may load its first page its own
 * way (loadFirstPage).
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.PagedList', {
    extend: 'Ext.Mixin',

    pagedStore: function () {
        return this.lookupViewModel().getStore(this.storeName);
    },

    setCluster: function (cluster) {
        this.cluster = cluster;
        this.loaded = false;
        if (this.isVisible(true)) this.activated();
    },

    activated: function () {
        if (this.loaded) return;
        this.loaded = true;
        this.pagedStore().getProxy().setExtraParam('clusterName', this.cluster || undefined);
        this.loadFirstPage();
    },

    loadFirstPage: function () {
        this.pagedStore().loadPage(1);
    },

    /** A filter field's change (buffered): names containing the text, from page 1 again. */
    onFilter: function (field, value) {
        var store = this.pagedStore();
        store.getProxy().setExtraParam('filter', value || undefined);
        store.loadPage(1);
    }
});
