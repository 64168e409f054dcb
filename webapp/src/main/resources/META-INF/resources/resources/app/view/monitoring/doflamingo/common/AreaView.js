/**
 * The frame of an area's page, as Flamingo 2's monitoring pages are laid out: a panel that fills
 * Flamingo's center, the cluster chooser on top, tabs below: Overview (health tiles, the last
 * events and live charts) first, the area's drill-down tabs (drillDown config), the Timeline last.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.AreaView', {
    extend: 'Ext.panel.Panel',
    requires: [
        'Flamingo2.view.monitoring.doflamingo.common.Messages',
        'Flamingo2.view.monitoring.doflamingo.common.HealthTiles',
        'Flamingo2.view.monitoring.doflamingo.common.ChartBoard',
        'Flamingo2.view.monitoring.doflamingo.common.Timeline',
        'Flamingo2.view.monitoring.doflamingo.common.EventList',
        'Ext.tab.Panel',
        'Ext.form.field.ComboBox'
    ],

    layout: 'fit',
    border: false,
    /** @cfg {String} area */
    area: null,
    /** @cfg {String} clusterLabel the label key of what the area calls a cluster */
    clusterLabel: 'doflamingo.kafka.cluster',
    /** @cfg {Object[]} drillDown the area's own tabs, their titles label keys */
    drillDown: [],

    initComponent: function () {
        var me = this, Messages = Flamingo2.view.monitoring.doflamingo.common.Messages;
        me.tbar = [{
            xtype: 'combo', reference: 'cluster', fieldLabel: Messages.t(me.clusterLabel), labelWidth: 70, width: 300,
            queryMode: 'local', editable: false, displayField: 'name', valueField: 'name',
            // names come from the monitored systems: shown as text in the list too
            tpl: '<tpl for="."><div class="x-boundlist-item">{name:htmlEncode}</div></tpl>',
            bind: {store: '{clusters}'},
            listeners: {change: 'onCluster'}
        }, '->', {xtype: 'tbtext', reference: 'status'}];
        me.items = [{
            xtype: 'tabpanel', reference: 'tabs',
            listeners: {tabchange: 'onTabChange'},
            items: [{
                title: Messages.t('doflamingo.tab.overview'), reference: 'overview', xtype: 'container',
                layout: {type: 'vbox', align: 'stretch'},
                items: [
                    {xtype: 'doflamingo-healthtiles', reference: 'tiles', area: me.area, listeners: {jump: 'onJump'}},
                    {xtype: 'doflamingo-eventlist', reference: 'recent', area: me.area, live: true, height: 150, margin: '0 4',
                        collapsible: true, titleCollapse: true, listeners: {pick: 'onEventPicked'}},
                    {xtype: 'doflamingo-chartboard', reference: 'board', area: me.area, flex: 1, listeners: {jump: 'onJump'}}
                ]
            }].concat(me.drillDown.map(function (tab) {
                return Ext.apply({}, {title: Messages.t(tab.title)}, tab);
            }), [
                {title: Messages.t('doflamingo.tab.timeline'), reference: 'timeline', xtype: 'doflamingo-timeline', area: me.area}
            ])
        }];
        me.callParent(arguments);
    }
});
