/**
 * What the views of latest values share (brokers, ZooKeeper servers, the Flume flow graph): read
 * when shown and every refreshMs while they stay shown; the timer stops when hidden or destroyed.
 * The class provides reload().
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Refreshing', {
    extend: 'Ext.Mixin',

    refreshMs: 5000,

    setCluster: function (cluster) {
        this.cluster = cluster;
        if (this.isVisible(true)) this.reload();
    },

    activated: function () {
        var me = this;
        me.reload();
        me.stopTimer();
        me.timer = setInterval(function () {
            if (me.isVisible(true) && !(me.isDestroyed || me.destroyed)) me.reload(); else me.stopTimer();
        }, me.refreshMs);
    },

    stopTimer: function () {
        clearInterval(this.timer);
        this.timer = null;
    }
});
