/**
 * Doflamingo's REST calls: GET /monitoring/<area>/<call> answering Flamingo's Response envelope
 * ({success, total, list, error: {code, message}}) as native Promises (Ext.Promise is 6.x only,
 * Flamingo runs 5.1.1). Resolves with the envelope, rejects with an
 * Error whose message is the server's (a 400 names the bad argument), so views show it as it is.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Rest', {
    singleton: true,

    /** Flamingo serves from its context root; so does the standalone server. */
    base: '/monitoring/',

    get: function (area, call, params) {
        var me = this;
        return new Promise(function (resolve, reject) {
            Ext.Ajax.request({
                url: me.base + area + '/' + call,
                method: 'GET',
                params: params || {},
                disableCaching: false,
                success: function (response) {
                    var envelope = Ext.decode(response.responseText, true);
                    if (envelope && envelope.success) resolve(envelope);
                    else reject(new Error(me.reason(response, envelope)));
                },
                failure: function (response) {
                    reject(new Error(me.reason(response, Ext.decode(response.responseText, true))));
                }
            });
        });
    },

    /** Every page of a paged call (series lists), 5,000 at a time: the server's largest page. */
    all: function (area, call, params) {
        var me = this, out = [];
        function page(start) {
            return me.get(area, call, Ext.apply({start: start, limit: 5000}, params)).then(function (r) {
                out = out.concat(r.list || []);
                return out.length < r.total && r.list.length > 0 ? page(out.length) : out;
            });
        }
        return page(0);
    },

    /** History of series ids (chunks of 1,000, the server's limit), as one list. */
    history: function (area, ids, from, to, resolution) {
        var me = this, calls = [];
        for (var i = 0; i < ids.length; i += 1000) {
            calls.push(me.get(area, 'history', {
                ids: ids.slice(i, i + 1000).join(','), from: Math.round(from), to: Math.round(to),
                resolution: resolution || 0
            }));
        }
        return Promise.all(calls).then(function (answers) {
            return [].concat.apply([], answers.map(function (a) { return a.list; }));
        });
    },

    reason: function (response, envelope) {
        if (envelope && envelope.error && envelope.error.message) return envelope.error.message;
        return 'HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : '');
    }
});
