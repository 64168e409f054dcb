/**
 * Loads the pages' own libraries once: uPlot (time-series charts), D3 (the Flume flow graph) and
 * the pages' style sheet. They ship in the same jar as the views, next to Flamingo's app folder:
 * <Flamingo2 path>/../doflamingo/lib, which is /doflamingo/lib in Flamingo 2 (its web root is
 * webapp/resources) and /resources/doflamingo/lib in the standalone server.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Libs', {
    singleton: true,

    loading: null,

    base: function () {
        return Ext.Loader.getPath('Flamingo2').replace(/\/?$/, '/') + '../doflamingo/';
    },

    /** A Promise that settles once uPlot and D3 are defined. */
    ready: function () {
        var me = this;
        if (!me.loading) {
            var base = me.base();
            Ext.util.CSS.swapStyleSheet('doflamingo-uplot-css', base + 'lib/uPlot.min.css');
            Ext.util.CSS.swapStyleSheet('doflamingo-css', base + 'doflamingo.css');
            me.loading = Promise.all([
                me.script(base + 'lib/uPlot.iife.min.js', 'uPlot'),
                me.script(base + 'lib/d3.min.js', 'd3')
            ]);
        }
        return me.loading;
    },

    script: function (url, global) {
        return new Promise(function (resolve, reject) {
            if (window[global]) return resolve(window[global]);
            Ext.Loader.loadScript({
                url: url,
                onLoad: function () { resolve(window[global]); },
                onError: function () { reject(new Error('could not load ' + url)); }
            });
        });
    }
});
