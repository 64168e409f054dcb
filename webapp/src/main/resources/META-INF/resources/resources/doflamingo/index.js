/*
 * The standalone server's application: Flamingo 2's app name and class layout (the views live
 * under resources/app here, under app in Flamingo), a menu read from GET /menu (Flamingo's
 * FL_COMM_MENU rows) whose entries open Ext.create('Flamingo2.view.' + MENU_NS) in the center,
 * as Flamingo's MainController does.
 */
var SESSION = {USERNAME: 'anonymous'};

Ext.Loader.setConfig({enabled: true, disableCaching: false});
Ext.Loader.setPath('Flamingo2', 'resources/app');

Ext.application({
    name: 'Flamingo2',
    appFolder: 'resources/app',

    launch: function () {
        var menu = Ext.create('Ext.data.TreeStore', {root: {expanded: true, children: []}});
        var center = Ext.create('Ext.panel.Panel', {region: 'center', layout: 'fit', border: false,
            html: '<div style="padding:20px;color:#888">Choose a system on the left.</div>'});
        Ext.create('Ext.container.Viewport', {
            layout: 'border',
            items: [{
                region: 'north', xtype: 'component', height: 36, cls: 'doflamingo-header',
                style: 'background:#2a3f54;color:#fff;font-size:16px;padding:8px 12px',
                html: 'Doflamingo'
            }, {
                region: 'west', xtype: 'treepanel', itemId: 'menu', title: 'Monitoring', width: 200, split: true,
                rootVisible: false, store: menu,
                listeners: {
                    itemclick: function (tree, record) {
                        var ns = record.get('ns');
                        if (!ns || center.currentPage === ns) return;
                        center.currentPage = ns;
                        center.removeAll();
                        center.add(Ext.create('Flamingo2.view.' + ns));
                    }
                }
            }, center]
        });
        Ext.Ajax.request({
            url: 'menu',
            success: function (response) {
                // rows come parents first; an entry with children is a folder, the others open views
                var rows = Ext.decode(response.responseText).list || [], nodes = {}, tops = [];
                rows.forEach(function (r) {
                    if (r.USE_YN !== 'Y') return;
                    nodes[r.MENU_ID] = {text: Ext.String.htmlEncode(r.MENU_NM_en_US || r.MENU_NM), ns: r.MENU_NS,
                        expanded: true, children: []};
                    (nodes[r.PRNTS_MENU_ID] ? nodes[r.PRNTS_MENU_ID].children : tops).push(nodes[r.MENU_ID]);
                });
                Ext.Object.each(nodes, function (id, node) {
                    node.leaf = node.children.length === 0;
                    if (!node.leaf) node.ns = null;
                });
                menu.setRoot({expanded: true, children: tops});
            }
        });
    }
});
