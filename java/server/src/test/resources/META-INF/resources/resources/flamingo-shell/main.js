/*
 * The stand-in Flamingo main page's application: Flamingo's globals, WEBSOCKET connected once the
 * user has an HTTP session (Flamingo's users have one from the login; here GET
 * monitoring/test/session makes it), and FLAMINGO.open(ns) to show a module's view as Flamingo's
 * menu does (Ext.create('Flamingo2.view.' + MENU_NS)).
 */
var SESSION = {USERNAME: 'anonymous'};
var WEBSOCKET;  // declared by Flamingo's main.jsp, set by its MainAppController
var FLAMINGO = {};

Ext.Loader.setConfig({enabled: true, disableCaching: false});
Ext.Loader.setPath('Flamingo2', 'resources/app');

Ext.application({
    name: 'Flamingo2',
    appFolder: 'resources/app',

    launch: function () {
        var center = Ext.create('Ext.panel.Panel', {region: 'center', layout: 'fit', border: false});
        Ext.create('Ext.container.Viewport', {layout: 'border', items: [center]});
        FLAMINGO.open = function (ns) {
            center.removeAll();
            center.add(Ext.create('Flamingo2.view.' + ns));
        };
        Ext.Ajax.request({
            url: 'monitoring/test/session',
            success: function () {
                WEBSOCKET = Ext.create('FlamingoShell.WebSocketProxy').connect();
            }
        });
    }
});
