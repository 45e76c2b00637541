/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const atoll = $root.atoll = (() => {

    /**
     * Namespace atoll.
     * @exports atoll
     * @namespace
     */
    const atoll = {};

    atoll.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof atoll
         * @namespace
         */
        const v1 = {};

        v1.Frame = (function() {

            /**
             * Properties of a Frame.
             * @typedef {Object} atoll.v1.Frame.$Properties
             * @property {number|null} [ref] Frame ref
             * @property {atoll.v1.Hello.$Properties|null} [hello] Frame hello
             * @property {atoll.v1.Welcome.$Properties|null} [welcome] Frame welcome
             * @property {atoll.v1.Ping.$Properties|null} [ping] Frame ping
             * @property {atoll.v1.Pong.$Properties|null} [pong] Frame pong
             * @property {atoll.v1.Error.$Properties|null} [error] Frame error
             * @property {atoll.v1.Ok.$Properties|null} [ok] Frame ok
             * @property {atoll.v1.Register.$Properties|null} [register] Frame register
             * @property {atoll.v1.Login.$Properties|null} [login] Frame login
             * @property {atoll.v1.Resume.$Properties|null} [resume] Frame resume
             * @property {atoll.v1.LoginOk.$Properties|null} [loginOk] Frame loginOk
             * @property {atoll.v1.Logout.$Properties|null} [logout] Frame logout
             * @property {atoll.v1.Send.$Properties|null} [send] Frame send
             * @property {atoll.v1.SendAck.$Properties|null} [sendAck] Frame sendAck
             * @property {atoll.v1.Deliver.$Properties|null} [deliver] Frame deliver
             * @property {atoll.v1.Ack.$Properties|null} [ack] Frame ack
             * @property {atoll.v1.MarkRead.$Properties|null} [markRead] Frame markRead
             * @property {atoll.v1.Typing.$Properties|null} [typing] Frame typing
             * @property {atoll.v1.Subscribe.$Properties|null} [subscribe] Frame subscribe
             * @property {atoll.v1.Unsubscribe.$Properties|null} [unsubscribe] Frame unsubscribe
             * @property {atoll.v1.Presence.$Properties|null} [presence] Frame presence
             * @property {atoll.v1.SetPrivacy.$Properties|null} [setPrivacy] Frame setPrivacy
             * @property {"hello"|"welcome"|"ping"|"pong"|"error"|"ok"|"register"|"login"|"resume"|"loginOk"|"logout"|"send"|"sendAck"|"deliver"|"ack"|"markRead"|"typing"|"subscribe"|"unsubscribe"|"presence"|"setPrivacy"} [body] Frame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Frame.
             * @memberof atoll.v1
             * @interface IFrame
             * @augments atoll.v1.Frame.$Properties
             * @deprecated Use atoll.v1.Frame.$Properties instead.
             */

            /**
             * Narrowed shape of a Frame.
             * @typedef {{
             *   ref?: number|null;
             *   hello?: atoll.v1.Hello.$Shape|null;
             *   welcome?: atoll.v1.Welcome.$Shape|null;
             *   ping?: atoll.v1.Ping.$Shape|null;
             *   pong?: atoll.v1.Pong.$Shape|null;
             *   error?: atoll.v1.Error.$Shape|null;
             *   ok?: atoll.v1.Ok.$Shape|null;
             *   register?: atoll.v1.Register.$Shape|null;
             *   login?: atoll.v1.Login.$Shape|null;
             *   resume?: atoll.v1.Resume.$Shape|null;
             *   loginOk?: atoll.v1.LoginOk.$Shape|null;
             *   logout?: atoll.v1.Logout.$Shape|null;
             *   send?: atoll.v1.Send.$Shape|null;
             *   sendAck?: atoll.v1.SendAck.$Shape|null;
             *   deliver?: atoll.v1.Deliver.$Shape|null;
             *   ack?: atoll.v1.Ack.$Shape|null;
             *   markRead?: atoll.v1.MarkRead.$Shape|null;
             *   typing?: atoll.v1.Typing.$Shape|null;
             *   subscribe?: atoll.v1.Subscribe.$Shape|null;
             *   unsubscribe?: atoll.v1.Unsubscribe.$Shape|null;
             *   presence?: atoll.v1.Presence.$Shape|null;
             *   setPrivacy?: atoll.v1.SetPrivacy.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "hello"; hello: atoll.v1.Hello.$Shape; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "welcome"; hello?: null; welcome: atoll.v1.Welcome.$Shape; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ping"; hello?: null; welcome?: null; ping: atoll.v1.Ping.$Shape; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "pong"; hello?: null; welcome?: null; ping?: null; pong: atoll.v1.Pong.$Shape; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "error"; hello?: null; welcome?: null; ping?: null; pong?: null; error: atoll.v1.Error.$Shape; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ok"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok: atoll.v1.Ok.$Shape; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "register"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register: atoll.v1.Register.$Shape; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "login"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login: atoll.v1.Login.$Shape; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "resume"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume: atoll.v1.Resume.$Shape; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "loginOk"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk: atoll.v1.LoginOk.$Shape; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "logout"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout: atoll.v1.Logout.$Shape; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "send"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send: atoll.v1.Send.$Shape; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "sendAck"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck: atoll.v1.SendAck.$Shape; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "deliver"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver: atoll.v1.Deliver.$Shape; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ack"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack: atoll.v1.Ack.$Shape; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "markRead"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead: atoll.v1.MarkRead.$Shape; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "typing"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing: atoll.v1.Typing.$Shape; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "subscribe"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe: atoll.v1.Subscribe.$Shape; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "unsubscribe"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe: atoll.v1.Unsubscribe.$Shape; presence?: null; setPrivacy?: null }|{ body?: "presence"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence: atoll.v1.Presence.$Shape; setPrivacy?: null }|{ body?: "setPrivacy"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy: atoll.v1.SetPrivacy.$Shape })
             * )} atoll.v1.Frame.$Shape
             */

            /**
             * Constructs a new Frame.
             * @memberof atoll.v1
             * @classdesc Represents a Frame.
             * @constructor
             * @param {atoll.v1.Frame.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Frame = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Frame ref.
             * @member {number} ref
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.ref = 0;

            /**
             * Frame hello.
             * @member {atoll.v1.Hello.$Properties|null|undefined} hello
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.hello = null;

            /**
             * Frame welcome.
             * @member {atoll.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.welcome = null;

            /**
             * Frame ping.
             * @member {atoll.v1.Ping.$Properties|null|undefined} ping
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.ping = null;

            /**
             * Frame pong.
             * @member {atoll.v1.Pong.$Properties|null|undefined} pong
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.pong = null;

            /**
             * Frame error.
             * @member {atoll.v1.Error.$Properties|null|undefined} error
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.error = null;

            /**
             * Frame ok.
             * @member {atoll.v1.Ok.$Properties|null|undefined} ok
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.ok = null;

            /**
             * Frame register.
             * @member {atoll.v1.Register.$Properties|null|undefined} register
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.register = null;

            /**
             * Frame login.
             * @member {atoll.v1.Login.$Properties|null|undefined} login
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.login = null;

            /**
             * Frame resume.
             * @member {atoll.v1.Resume.$Properties|null|undefined} resume
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.resume = null;

            /**
             * Frame loginOk.
             * @member {atoll.v1.LoginOk.$Properties|null|undefined} loginOk
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.loginOk = null;

            /**
             * Frame logout.
             * @member {atoll.v1.Logout.$Properties|null|undefined} logout
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.logout = null;

            /**
             * Frame send.
             * @member {atoll.v1.Send.$Properties|null|undefined} send
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.send = null;

            /**
             * Frame sendAck.
             * @member {atoll.v1.SendAck.$Properties|null|undefined} sendAck
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.sendAck = null;

            /**
             * Frame deliver.
             * @member {atoll.v1.Deliver.$Properties|null|undefined} deliver
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.deliver = null;

            /**
             * Frame ack.
             * @member {atoll.v1.Ack.$Properties|null|undefined} ack
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.ack = null;

            /**
             * Frame markRead.
             * @member {atoll.v1.MarkRead.$Properties|null|undefined} markRead
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.markRead = null;

            /**
             * Frame typing.
             * @member {atoll.v1.Typing.$Properties|null|undefined} typing
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.typing = null;

            /**
             * Frame subscribe.
             * @member {atoll.v1.Subscribe.$Properties|null|undefined} subscribe
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.subscribe = null;

            /**
             * Frame unsubscribe.
             * @member {atoll.v1.Unsubscribe.$Properties|null|undefined} unsubscribe
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.unsubscribe = null;

            /**
             * Frame presence.
             * @member {atoll.v1.Presence.$Properties|null|undefined} presence
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.presence = null;

            /**
             * Frame setPrivacy.
             * @member {atoll.v1.SetPrivacy.$Properties|null|undefined} setPrivacy
             * @memberof atoll.v1.Frame
             * @instance
             */
            Frame.prototype.setPrivacy = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Frame body.
             * @member {"hello"|"welcome"|"ping"|"pong"|"error"|"ok"|"register"|"login"|"resume"|"loginOk"|"logout"|"send"|"sendAck"|"deliver"|"ack"|"markRead"|"typing"|"subscribe"|"unsubscribe"|"presence"|"setPrivacy"|undefined} body
             * @memberof atoll.v1.Frame
             * @instance
             */
            $Object.defineProperty(Frame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "welcome", "ping", "pong", "error", "ok", "register", "login", "resume", "loginOk", "logout", "send", "sendAck", "deliver", "ack", "markRead", "typing", "subscribe", "unsubscribe", "presence", "setPrivacy"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Frame instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Frame
             * @static
             * @param {atoll.v1.Frame.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Frame} Frame instance
             * @type {{
             *   (properties: atoll.v1.Frame.$Shape): atoll.v1.Frame & atoll.v1.Frame.$Shape;
             *   (properties?: atoll.v1.Frame.$Properties): atoll.v1.Frame;
             * }}
             */
            Frame.create = function(properties) {
                return new Frame(properties);
            };

            /**
             * Encodes the specified Frame message. Does not implicitly {@link atoll.v1.Frame.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Frame
             * @static
             * @param {atoll.v1.Frame.$Properties} m Frame message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.ref != null && $Object.hasOwnProperty.call(m, "ref") && m.ref !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.ref);
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello"))
                    $root.atoll.v1.Hello.encode(m.hello, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome"))
                    $root.atoll.v1.Welcome.encode(m.welcome, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.ping != null && $Object.hasOwnProperty.call(m, "ping"))
                    $root.atoll.v1.Ping.encode(m.ping, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.pong != null && $Object.hasOwnProperty.call(m, "pong"))
                    $root.atoll.v1.Pong.encode(m.pong, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                    $root.atoll.v1.Error.encode(m.error, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok"))
                    $root.atoll.v1.Ok.encode(m.ok, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.register != null && $Object.hasOwnProperty.call(m, "register"))
                    $root.atoll.v1.Register.encode(m.register, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.login != null && $Object.hasOwnProperty.call(m, "login"))
                    $root.atoll.v1.Login.encode(m.login, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.resume != null && $Object.hasOwnProperty.call(m, "resume"))
                    $root.atoll.v1.Resume.encode(m.resume, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
                if (m.loginOk != null && $Object.hasOwnProperty.call(m, "loginOk"))
                    $root.atoll.v1.LoginOk.encode(m.loginOk, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.logout != null && $Object.hasOwnProperty.call(m, "logout"))
                    $root.atoll.v1.Logout.encode(m.logout, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                if (m.send != null && $Object.hasOwnProperty.call(m, "send"))
                    $root.atoll.v1.Send.encode(m.send, w.uint32(/* id 20, wireType 2 =*/162).fork(), q + 1).ldelim();
                if (m.sendAck != null && $Object.hasOwnProperty.call(m, "sendAck"))
                    $root.atoll.v1.SendAck.encode(m.sendAck, w.uint32(/* id 21, wireType 2 =*/170).fork(), q + 1).ldelim();
                if (m.deliver != null && $Object.hasOwnProperty.call(m, "deliver"))
                    $root.atoll.v1.Deliver.encode(m.deliver, w.uint32(/* id 22, wireType 2 =*/178).fork(), q + 1).ldelim();
                if (m.ack != null && $Object.hasOwnProperty.call(m, "ack"))
                    $root.atoll.v1.Ack.encode(m.ack, w.uint32(/* id 23, wireType 2 =*/186).fork(), q + 1).ldelim();
                if (m.markRead != null && $Object.hasOwnProperty.call(m, "markRead"))
                    $root.atoll.v1.MarkRead.encode(m.markRead, w.uint32(/* id 24, wireType 2 =*/194).fork(), q + 1).ldelim();
                if (m.typing != null && $Object.hasOwnProperty.call(m, "typing"))
                    $root.atoll.v1.Typing.encode(m.typing, w.uint32(/* id 25, wireType 2 =*/202).fork(), q + 1).ldelim();
                if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe"))
                    $root.atoll.v1.Subscribe.encode(m.subscribe, w.uint32(/* id 30, wireType 2 =*/242).fork(), q + 1).ldelim();
                if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe"))
                    $root.atoll.v1.Unsubscribe.encode(m.unsubscribe, w.uint32(/* id 31, wireType 2 =*/250).fork(), q + 1).ldelim();
                if (m.presence != null && $Object.hasOwnProperty.call(m, "presence"))
                    $root.atoll.v1.Presence.encode(m.presence, w.uint32(/* id 32, wireType 2 =*/258).fork(), q + 1).ldelim();
                if (m.setPrivacy != null && $Object.hasOwnProperty.call(m, "setPrivacy"))
                    $root.atoll.v1.SetPrivacy.encode(m.setPrivacy, w.uint32(/* id 33, wireType 2 =*/266).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Frame message, length delimited. Does not implicitly {@link atoll.v1.Frame.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Frame
             * @static
             * @param {atoll.v1.Frame.$Properties} message Frame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Frame & atoll.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Frame();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.ref = v;
                            else
                                delete m.ref;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.hello = $root.atoll.v1.Hello.decode(r, r.size(), $undefined, q + 1, m.hello);
                            m.body = "hello";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.welcome = $root.atoll.v1.Welcome.decode(r, r.size(), $undefined, q + 1, m.welcome);
                            m.body = "welcome";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.ping = $root.atoll.v1.Ping.decode(r, r.size(), $undefined, q + 1, m.ping);
                            m.body = "ping";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.pong = $root.atoll.v1.Pong.decode(r, r.size(), $undefined, q + 1, m.pong);
                            m.body = "pong";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.error = $root.atoll.v1.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                            m.body = "error";
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.ok = $root.atoll.v1.Ok.decode(r, r.size(), $undefined, q + 1, m.ok);
                            m.body = "ok";
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.register = $root.atoll.v1.Register.decode(r, r.size(), $undefined, q + 1, m.register);
                            m.body = "register";
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.login = $root.atoll.v1.Login.decode(r, r.size(), $undefined, q + 1, m.login);
                            m.body = "login";
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            m.resume = $root.atoll.v1.Resume.decode(r, r.size(), $undefined, q + 1, m.resume);
                            m.body = "resume";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.loginOk = $root.atoll.v1.LoginOk.decode(r, r.size(), $undefined, q + 1, m.loginOk);
                            m.body = "loginOk";
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.logout = $root.atoll.v1.Logout.decode(r, r.size(), $undefined, q + 1, m.logout);
                            m.body = "logout";
                            continue;
                        }
                    case 20: {
                            if (u !== 2)
                                break;
                            m.send = $root.atoll.v1.Send.decode(r, r.size(), $undefined, q + 1, m.send);
                            m.body = "send";
                            continue;
                        }
                    case 21: {
                            if (u !== 2)
                                break;
                            m.sendAck = $root.atoll.v1.SendAck.decode(r, r.size(), $undefined, q + 1, m.sendAck);
                            m.body = "sendAck";
                            continue;
                        }
                    case 22: {
                            if (u !== 2)
                                break;
                            m.deliver = $root.atoll.v1.Deliver.decode(r, r.size(), $undefined, q + 1, m.deliver);
                            m.body = "deliver";
                            continue;
                        }
                    case 23: {
                            if (u !== 2)
                                break;
                            m.ack = $root.atoll.v1.Ack.decode(r, r.size(), $undefined, q + 1, m.ack);
                            m.body = "ack";
                            continue;
                        }
                    case 24: {
                            if (u !== 2)
                                break;
                            m.markRead = $root.atoll.v1.MarkRead.decode(r, r.size(), $undefined, q + 1, m.markRead);
                            m.body = "markRead";
                            continue;
                        }
                    case 25: {
                            if (u !== 2)
                                break;
                            m.typing = $root.atoll.v1.Typing.decode(r, r.size(), $undefined, q + 1, m.typing);
                            m.body = "typing";
                            continue;
                        }
                    case 30: {
                            if (u !== 2)
                                break;
                            m.subscribe = $root.atoll.v1.Subscribe.decode(r, r.size(), $undefined, q + 1, m.subscribe);
                            m.body = "subscribe";
                            continue;
                        }
                    case 31: {
                            if (u !== 2)
                                break;
                            m.unsubscribe = $root.atoll.v1.Unsubscribe.decode(r, r.size(), $undefined, q + 1, m.unsubscribe);
                            m.body = "unsubscribe";
                            continue;
                        }
                    case 32: {
                            if (u !== 2)
                                break;
                            m.presence = $root.atoll.v1.Presence.decode(r, r.size(), $undefined, q + 1, m.presence);
                            m.body = "presence";
                            continue;
                        }
                    case 33: {
                            if (u !== 2)
                                break;
                            m.setPrivacy = $root.atoll.v1.SetPrivacy.decode(r, r.size(), $undefined, q + 1, m.setPrivacy);
                            m.body = "setPrivacy";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Frame message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Frame & atoll.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Frame
             * @function getTypeUrl
             * @memberof atoll.v1.Frame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Frame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Frame";
            };

            return Frame;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} atoll.v1.Hello.$Properties
             * @property {number|null} [protocolVersion] Hello protocolVersion
             * @property {string|null} [client] Hello client
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof atoll.v1
             * @interface IHello
             * @augments atoll.v1.Hello.$Properties
             * @deprecated Use atoll.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {atoll.v1.Hello.$Properties} atoll.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof atoll.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {atoll.v1.Hello.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Hello protocolVersion.
             * @member {number} protocolVersion
             * @memberof atoll.v1.Hello
             * @instance
             */
            Hello.prototype.protocolVersion = 0;

            /**
             * Hello client.
             * @member {string} client
             * @memberof atoll.v1.Hello
             * @instance
             */
            Hello.prototype.client = "";

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Hello
             * @static
             * @param {atoll.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Hello} Hello instance
             * @type {{
             *   (properties: atoll.v1.Hello.$Shape): atoll.v1.Hello & atoll.v1.Hello.$Shape;
             *   (properties?: atoll.v1.Hello.$Properties): atoll.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link atoll.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Hello
             * @static
             * @param {atoll.v1.Hello.$Properties} m Hello message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.protocolVersion != null && $Object.hasOwnProperty.call(m, "protocolVersion") && m.protocolVersion !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.protocolVersion);
                if (m.client != null && $Object.hasOwnProperty.call(m, "client") && m.client !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.client);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link atoll.v1.Hello.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Hello
             * @static
             * @param {atoll.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Hello & atoll.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Hello();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.protocolVersion = v;
                            else
                                delete m.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.client = v;
                            else
                                delete m.client;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Hello & atoll.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof atoll.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Hello";
            };

            return Hello;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} atoll.v1.Welcome.$Properties
             * @property {number|null} [protocolVersion] Welcome protocolVersion
             * @property {string|null} [server] Welcome server
             * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
             * @property {number|null} [maxBodyBytes] Welcome maxBodyBytes
             * @property {number|null} [heartbeatMs] Welcome heartbeatMs
             * @property {number|null} [idleTimeoutMs] Welcome idleTimeoutMs
             * @property {boolean|null} [registrationOpen] Welcome registrationOpen
             * @property {number|null} [sendRatePerSec] Welcome sendRatePerSec
             * @property {number|null} [sendBurst] Welcome sendBurst
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof atoll.v1
             * @interface IWelcome
             * @augments atoll.v1.Welcome.$Properties
             * @deprecated Use atoll.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {atoll.v1.Welcome.$Properties} atoll.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof atoll.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {atoll.v1.Welcome.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Welcome protocolVersion.
             * @member {number} protocolVersion
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.protocolVersion = 0;

            /**
             * Welcome server.
             * @member {string} server
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.server = "";

            /**
             * Welcome maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxFrameBytes = 0;

            /**
             * Welcome maxBodyBytes.
             * @member {number} maxBodyBytes
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxBodyBytes = 0;

            /**
             * Welcome heartbeatMs.
             * @member {number} heartbeatMs
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatMs = 0;

            /**
             * Welcome idleTimeoutMs.
             * @member {number} idleTimeoutMs
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.idleTimeoutMs = 0;

            /**
             * Welcome registrationOpen.
             * @member {boolean} registrationOpen
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.registrationOpen = false;

            /**
             * Welcome sendRatePerSec.
             * @member {number} sendRatePerSec
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.sendRatePerSec = 0;

            /**
             * Welcome sendBurst.
             * @member {number} sendBurst
             * @memberof atoll.v1.Welcome
             * @instance
             */
            Welcome.prototype.sendBurst = 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Welcome
             * @static
             * @param {atoll.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: atoll.v1.Welcome.$Shape): atoll.v1.Welcome & atoll.v1.Welcome.$Shape;
             *   (properties?: atoll.v1.Welcome.$Properties): atoll.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link atoll.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Welcome
             * @static
             * @param {atoll.v1.Welcome.$Properties} m Welcome message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.protocolVersion != null && $Object.hasOwnProperty.call(m, "protocolVersion") && m.protocolVersion !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.protocolVersion);
                if (m.server != null && $Object.hasOwnProperty.call(m, "server") && m.server !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.server);
                if (m.maxFrameBytes != null && $Object.hasOwnProperty.call(m, "maxFrameBytes") && m.maxFrameBytes !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.maxFrameBytes);
                if (m.maxBodyBytes != null && $Object.hasOwnProperty.call(m, "maxBodyBytes") && m.maxBodyBytes !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.maxBodyBytes);
                if (m.heartbeatMs != null && $Object.hasOwnProperty.call(m, "heartbeatMs") && m.heartbeatMs !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.heartbeatMs);
                if (m.idleTimeoutMs != null && $Object.hasOwnProperty.call(m, "idleTimeoutMs") && m.idleTimeoutMs !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.idleTimeoutMs);
                if (m.registrationOpen != null && $Object.hasOwnProperty.call(m, "registrationOpen") && m.registrationOpen !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.registrationOpen);
                if (m.sendRatePerSec != null && $Object.hasOwnProperty.call(m, "sendRatePerSec") && m.sendRatePerSec !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.sendRatePerSec);
                if (m.sendBurst != null && $Object.hasOwnProperty.call(m, "sendBurst") && m.sendBurst !== 0)
                    w.uint32(/* id 9, wireType 0 =*/72).uint32(m.sendBurst);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Welcome message, length delimited. Does not implicitly {@link atoll.v1.Welcome.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Welcome
             * @static
             * @param {atoll.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Welcome & atoll.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Welcome();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.protocolVersion = v;
                            else
                                delete m.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.server = v;
                            else
                                delete m.server;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxFrameBytes = v;
                            else
                                delete m.maxFrameBytes;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxBodyBytes = v;
                            else
                                delete m.maxBodyBytes;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.heartbeatMs = v;
                            else
                                delete m.heartbeatMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.idleTimeoutMs = v;
                            else
                                delete m.idleTimeoutMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.registrationOpen = v;
                            else
                                delete m.registrationOpen;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.sendRatePerSec = v;
                            else
                                delete m.sendRatePerSec;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.sendBurst = v;
                            else
                                delete m.sendBurst;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Welcome & atoll.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof atoll.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Welcome";
            };

            return Welcome;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} atoll.v1.Ping.$Properties
             * @property {number|null} [nonce] Ping nonce
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof atoll.v1
             * @interface IPing
             * @augments atoll.v1.Ping.$Properties
             * @deprecated Use atoll.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {atoll.v1.Ping.$Properties} atoll.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof atoll.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {atoll.v1.Ping.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Ping nonce.
             * @member {number} nonce
             * @memberof atoll.v1.Ping
             * @instance
             */
            Ping.prototype.nonce = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Ping
             * @static
             * @param {atoll.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Ping} Ping instance
             * @type {{
             *   (properties: atoll.v1.Ping.$Shape): atoll.v1.Ping & atoll.v1.Ping.$Shape;
             *   (properties?: atoll.v1.Ping.$Properties): atoll.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link atoll.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Ping
             * @static
             * @param {atoll.v1.Ping.$Properties} m Ping message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.nonce != null && $Object.hasOwnProperty.call(m, "nonce") && (typeof m.nonce === "object" ? m.nonce.low || m.nonce.high : m.nonce !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.nonce);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Ping message, length delimited. Does not implicitly {@link atoll.v1.Ping.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Ping
             * @static
             * @param {atoll.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Ping & atoll.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Ping();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.nonce = v;
                            else
                                delete m.nonce;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Ping & atoll.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof atoll.v1.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Ping";
            };

            return Ping;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} atoll.v1.Pong.$Properties
             * @property {number|null} [nonce] Pong nonce
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof atoll.v1
             * @interface IPong
             * @augments atoll.v1.Pong.$Properties
             * @deprecated Use atoll.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {atoll.v1.Pong.$Properties} atoll.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof atoll.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {atoll.v1.Pong.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Pong nonce.
             * @member {number} nonce
             * @memberof atoll.v1.Pong
             * @instance
             */
            Pong.prototype.nonce = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Pong
             * @static
             * @param {atoll.v1.Pong.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Pong} Pong instance
             * @type {{
             *   (properties: atoll.v1.Pong.$Shape): atoll.v1.Pong & atoll.v1.Pong.$Shape;
             *   (properties?: atoll.v1.Pong.$Properties): atoll.v1.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link atoll.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Pong
             * @static
             * @param {atoll.v1.Pong.$Properties} m Pong message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.nonce != null && $Object.hasOwnProperty.call(m, "nonce") && (typeof m.nonce === "object" ? m.nonce.low || m.nonce.high : m.nonce !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.nonce);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Pong message, length delimited. Does not implicitly {@link atoll.v1.Pong.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Pong
             * @static
             * @param {atoll.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Pong & atoll.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Pong();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.nonce = v;
                            else
                                delete m.nonce;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Pong & atoll.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Pong
             * @function getTypeUrl
             * @memberof atoll.v1.Pong
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Pong.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Pong";
            };

            return Pong;
        })();

        v1.Ok = (function() {

            /**
             * Properties of an Ok.
             * @typedef {Object} atoll.v1.Ok.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ok.
             * @memberof atoll.v1
             * @interface IOk
             * @augments atoll.v1.Ok.$Properties
             * @deprecated Use atoll.v1.Ok.$Properties instead.
             */

            /**
             * Shape of an Ok.
             * @typedef {atoll.v1.Ok.$Properties} atoll.v1.Ok.$Shape
             */

            /**
             * Constructs a new Ok.
             * @memberof atoll.v1
             * @classdesc Represents an Ok.
             * @constructor
             * @param {atoll.v1.Ok.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ok = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Creates a new Ok instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Ok
             * @static
             * @param {atoll.v1.Ok.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Ok} Ok instance
             * @type {{
             *   (properties: atoll.v1.Ok.$Shape): atoll.v1.Ok & atoll.v1.Ok.$Shape;
             *   (properties?: atoll.v1.Ok.$Properties): atoll.v1.Ok;
             * }}
             */
            Ok.create = function(properties) {
                return new Ok(properties);
            };

            /**
             * Encodes the specified Ok message. Does not implicitly {@link atoll.v1.Ok.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Ok
             * @static
             * @param {atoll.v1.Ok.$Properties} m Ok message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ok.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Ok message, length delimited. Does not implicitly {@link atoll.v1.Ok.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Ok
             * @static
             * @param {atoll.v1.Ok.$Properties} message Ok message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ok.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Ok message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Ok
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Ok & atoll.v1.Ok.$Shape} Ok
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ok.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Ok();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    r.skipType(t & 7, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Ok message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Ok
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Ok & atoll.v1.Ok.$Shape} Ok
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ok.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Ok
             * @function getTypeUrl
             * @memberof atoll.v1.Ok
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ok.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Ok";
            };

            return Ok;
        })();

        v1.Register = (function() {

            /**
             * Properties of a Register.
             * @typedef {Object} atoll.v1.Register.$Properties
             * @property {string|null} [user] Register user
             * @property {string|null} [password] Register password
             * @property {string|null} [inviteCode] Register inviteCode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Register.
             * @memberof atoll.v1
             * @interface IRegister
             * @augments atoll.v1.Register.$Properties
             * @deprecated Use atoll.v1.Register.$Properties instead.
             */

            /**
             * Shape of a Register.
             * @typedef {atoll.v1.Register.$Properties} atoll.v1.Register.$Shape
             */

            /**
             * Constructs a new Register.
             * @memberof atoll.v1
             * @classdesc Represents a Register.
             * @constructor
             * @param {atoll.v1.Register.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Register = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Register user.
             * @member {string} user
             * @memberof atoll.v1.Register
             * @instance
             */
            Register.prototype.user = "";

            /**
             * Register password.
             * @member {string} password
             * @memberof atoll.v1.Register
             * @instance
             */
            Register.prototype.password = "";

            /**
             * Register inviteCode.
             * @member {string} inviteCode
             * @memberof atoll.v1.Register
             * @instance
             */
            Register.prototype.inviteCode = "";

            /**
             * Creates a new Register instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Register
             * @static
             * @param {atoll.v1.Register.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Register} Register instance
             * @type {{
             *   (properties: atoll.v1.Register.$Shape): atoll.v1.Register & atoll.v1.Register.$Shape;
             *   (properties?: atoll.v1.Register.$Properties): atoll.v1.Register;
             * }}
             */
            Register.create = function(properties) {
                return new Register(properties);
            };

            /**
             * Encodes the specified Register message. Does not implicitly {@link atoll.v1.Register.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Register
             * @static
             * @param {atoll.v1.Register.$Properties} m Register message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Register.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.user != null && $Object.hasOwnProperty.call(m, "user") && m.user !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.user);
                if (m.password != null && $Object.hasOwnProperty.call(m, "password") && m.password !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.password);
                if (m.inviteCode != null && $Object.hasOwnProperty.call(m, "inviteCode") && m.inviteCode !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.inviteCode);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Register message, length delimited. Does not implicitly {@link atoll.v1.Register.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Register
             * @static
             * @param {atoll.v1.Register.$Properties} message Register message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Register.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Register message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Register
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Register & atoll.v1.Register.$Shape} Register
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Register.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Register();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.user = v;
                            else
                                delete m.user;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.password = v;
                            else
                                delete m.password;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.inviteCode = v;
                            else
                                delete m.inviteCode;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Register message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Register
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Register & atoll.v1.Register.$Shape} Register
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Register.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Register
             * @function getTypeUrl
             * @memberof atoll.v1.Register
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Register.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Register";
            };

            return Register;
        })();

        v1.Login = (function() {

            /**
             * Properties of a Login.
             * @typedef {Object} atoll.v1.Login.$Properties
             * @property {string|null} [user] Login user
             * @property {string|null} [password] Login password
             * @property {string|null} [device] Login device
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Login.
             * @memberof atoll.v1
             * @interface ILogin
             * @augments atoll.v1.Login.$Properties
             * @deprecated Use atoll.v1.Login.$Properties instead.
             */

            /**
             * Shape of a Login.
             * @typedef {atoll.v1.Login.$Properties} atoll.v1.Login.$Shape
             */

            /**
             * Constructs a new Login.
             * @memberof atoll.v1
             * @classdesc Represents a Login.
             * @constructor
             * @param {atoll.v1.Login.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Login = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Login user.
             * @member {string} user
             * @memberof atoll.v1.Login
             * @instance
             */
            Login.prototype.user = "";

            /**
             * Login password.
             * @member {string} password
             * @memberof atoll.v1.Login
             * @instance
             */
            Login.prototype.password = "";

            /**
             * Login device.
             * @member {string} device
             * @memberof atoll.v1.Login
             * @instance
             */
            Login.prototype.device = "";

            /**
             * Creates a new Login instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Login
             * @static
             * @param {atoll.v1.Login.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Login} Login instance
             * @type {{
             *   (properties: atoll.v1.Login.$Shape): atoll.v1.Login & atoll.v1.Login.$Shape;
             *   (properties?: atoll.v1.Login.$Properties): atoll.v1.Login;
             * }}
             */
            Login.create = function(properties) {
                return new Login(properties);
            };

            /**
             * Encodes the specified Login message. Does not implicitly {@link atoll.v1.Login.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Login
             * @static
             * @param {atoll.v1.Login.$Properties} m Login message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Login.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.user != null && $Object.hasOwnProperty.call(m, "user") && m.user !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.user);
                if (m.password != null && $Object.hasOwnProperty.call(m, "password") && m.password !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.password);
                if (m.device != null && $Object.hasOwnProperty.call(m, "device") && m.device !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.device);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Login message, length delimited. Does not implicitly {@link atoll.v1.Login.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Login
             * @static
             * @param {atoll.v1.Login.$Properties} message Login message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Login.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Login message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Login
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Login & atoll.v1.Login.$Shape} Login
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Login.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Login();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.user = v;
                            else
                                delete m.user;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.password = v;
                            else
                                delete m.password;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.device = v;
                            else
                                delete m.device;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Login message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Login
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Login & atoll.v1.Login.$Shape} Login
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Login.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Login
             * @function getTypeUrl
             * @memberof atoll.v1.Login
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Login.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Login";
            };

            return Login;
        })();

        v1.Resume = (function() {

            /**
             * Properties of a Resume.
             * @typedef {Object} atoll.v1.Resume.$Properties
             * @property {string|null} [token] Resume token
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Resume.
             * @memberof atoll.v1
             * @interface IResume
             * @augments atoll.v1.Resume.$Properties
             * @deprecated Use atoll.v1.Resume.$Properties instead.
             */

            /**
             * Shape of a Resume.
             * @typedef {atoll.v1.Resume.$Properties} atoll.v1.Resume.$Shape
             */

            /**
             * Constructs a new Resume.
             * @memberof atoll.v1
             * @classdesc Represents a Resume.
             * @constructor
             * @param {atoll.v1.Resume.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Resume = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Resume token.
             * @member {string} token
             * @memberof atoll.v1.Resume
             * @instance
             */
            Resume.prototype.token = "";

            /**
             * Creates a new Resume instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Resume
             * @static
             * @param {atoll.v1.Resume.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Resume} Resume instance
             * @type {{
             *   (properties: atoll.v1.Resume.$Shape): atoll.v1.Resume & atoll.v1.Resume.$Shape;
             *   (properties?: atoll.v1.Resume.$Properties): atoll.v1.Resume;
             * }}
             */
            Resume.create = function(properties) {
                return new Resume(properties);
            };

            /**
             * Encodes the specified Resume message. Does not implicitly {@link atoll.v1.Resume.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Resume
             * @static
             * @param {atoll.v1.Resume.$Properties} m Resume message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resume.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.token);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Resume message, length delimited. Does not implicitly {@link atoll.v1.Resume.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Resume
             * @static
             * @param {atoll.v1.Resume.$Properties} message Resume message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resume.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Resume message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Resume
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Resume & atoll.v1.Resume.$Shape} Resume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resume.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Resume();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.token = v;
                            else
                                delete m.token;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Resume message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Resume
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Resume & atoll.v1.Resume.$Shape} Resume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resume.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Resume
             * @function getTypeUrl
             * @memberof atoll.v1.Resume
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Resume.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Resume";
            };

            return Resume;
        })();

        v1.LoginOk = (function() {

            /**
             * Properties of a LoginOk.
             * @typedef {Object} atoll.v1.LoginOk.$Properties
             * @property {string|null} [user] LoginOk user
             * @property {string|null} [device] LoginOk device
             * @property {string|null} [resumeToken] LoginOk resumeToken
             * @property {number|null} [tokenExpiresAt] LoginOk tokenExpiresAt
             * @property {number|null} [ackedSeq] LoginOk ackedSeq
             * @property {number|null} [serverTime] LoginOk serverTime
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LoginOk.
             * @memberof atoll.v1
             * @interface ILoginOk
             * @augments atoll.v1.LoginOk.$Properties
             * @deprecated Use atoll.v1.LoginOk.$Properties instead.
             */

            /**
             * Shape of a LoginOk.
             * @typedef {atoll.v1.LoginOk.$Properties} atoll.v1.LoginOk.$Shape
             */

            /**
             * Constructs a new LoginOk.
             * @memberof atoll.v1
             * @classdesc Represents a LoginOk.
             * @constructor
             * @param {atoll.v1.LoginOk.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LoginOk = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LoginOk user.
             * @member {string} user
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.user = "";

            /**
             * LoginOk device.
             * @member {string} device
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.device = "";

            /**
             * LoginOk resumeToken.
             * @member {string} resumeToken
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.resumeToken = "";

            /**
             * LoginOk tokenExpiresAt.
             * @member {number} tokenExpiresAt
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.tokenExpiresAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LoginOk ackedSeq.
             * @member {number} ackedSeq
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.ackedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LoginOk serverTime.
             * @member {number} serverTime
             * @memberof atoll.v1.LoginOk
             * @instance
             */
            LoginOk.prototype.serverTime = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new LoginOk instance using the specified properties.
             * @function create
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {atoll.v1.LoginOk.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.LoginOk} LoginOk instance
             * @type {{
             *   (properties: atoll.v1.LoginOk.$Shape): atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape;
             *   (properties?: atoll.v1.LoginOk.$Properties): atoll.v1.LoginOk;
             * }}
             */
            LoginOk.create = function(properties) {
                return new LoginOk(properties);
            };

            /**
             * Encodes the specified LoginOk message. Does not implicitly {@link atoll.v1.LoginOk.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {atoll.v1.LoginOk.$Properties} m LoginOk message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LoginOk.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.user != null && $Object.hasOwnProperty.call(m, "user") && m.user !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.user);
                if (m.device != null && $Object.hasOwnProperty.call(m, "device") && m.device !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.device);
                if (m.resumeToken != null && $Object.hasOwnProperty.call(m, "resumeToken") && m.resumeToken !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.resumeToken);
                if (m.tokenExpiresAt != null && $Object.hasOwnProperty.call(m, "tokenExpiresAt") && (typeof m.tokenExpiresAt === "object" ? m.tokenExpiresAt.low || m.tokenExpiresAt.high : m.tokenExpiresAt !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.tokenExpiresAt);
                if (m.ackedSeq != null && $Object.hasOwnProperty.call(m, "ackedSeq") && (typeof m.ackedSeq === "object" ? m.ackedSeq.low || m.ackedSeq.high : m.ackedSeq !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.ackedSeq);
                if (m.serverTime != null && $Object.hasOwnProperty.call(m, "serverTime") && (typeof m.serverTime === "object" ? m.serverTime.low || m.serverTime.high : m.serverTime !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.serverTime);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LoginOk message, length delimited. Does not implicitly {@link atoll.v1.LoginOk.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {atoll.v1.LoginOk.$Properties} message LoginOk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LoginOk.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LoginOk message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape} LoginOk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LoginOk.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.LoginOk();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.user = v;
                            else
                                delete m.user;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.device = v;
                            else
                                delete m.device;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.resumeToken = v;
                            else
                                delete m.resumeToken;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.tokenExpiresAt = v;
                            else
                                delete m.tokenExpiresAt;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.ackedSeq = v;
                            else
                                delete m.ackedSeq;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.serverTime = v;
                            else
                                delete m.serverTime;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LoginOk message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape} LoginOk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LoginOk.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for LoginOk
             * @function getTypeUrl
             * @memberof atoll.v1.LoginOk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LoginOk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.LoginOk";
            };

            return LoginOk;
        })();

        v1.Logout = (function() {

            /**
             * Properties of a Logout.
             * @typedef {Object} atoll.v1.Logout.$Properties
             * @property {boolean|null} [forgetDevice] Logout forgetDevice
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Logout.
             * @memberof atoll.v1
             * @interface ILogout
             * @augments atoll.v1.Logout.$Properties
             * @deprecated Use atoll.v1.Logout.$Properties instead.
             */

            /**
             * Shape of a Logout.
             * @typedef {atoll.v1.Logout.$Properties} atoll.v1.Logout.$Shape
             */

            /**
             * Constructs a new Logout.
             * @memberof atoll.v1
             * @classdesc Represents a Logout.
             * @constructor
             * @param {atoll.v1.Logout.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Logout = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Logout forgetDevice.
             * @member {boolean} forgetDevice
             * @memberof atoll.v1.Logout
             * @instance
             */
            Logout.prototype.forgetDevice = false;

            /**
             * Creates a new Logout instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Logout
             * @static
             * @param {atoll.v1.Logout.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Logout} Logout instance
             * @type {{
             *   (properties: atoll.v1.Logout.$Shape): atoll.v1.Logout & atoll.v1.Logout.$Shape;
             *   (properties?: atoll.v1.Logout.$Properties): atoll.v1.Logout;
             * }}
             */
            Logout.create = function(properties) {
                return new Logout(properties);
            };

            /**
             * Encodes the specified Logout message. Does not implicitly {@link atoll.v1.Logout.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Logout
             * @static
             * @param {atoll.v1.Logout.$Properties} m Logout message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Logout.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.forgetDevice != null && $Object.hasOwnProperty.call(m, "forgetDevice") && m.forgetDevice !== false)
                    w.uint32(/* id 1, wireType 0 =*/8).bool(m.forgetDevice);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Logout message, length delimited. Does not implicitly {@link atoll.v1.Logout.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Logout
             * @static
             * @param {atoll.v1.Logout.$Properties} message Logout message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Logout.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Logout message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Logout
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Logout & atoll.v1.Logout.$Shape} Logout
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Logout.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Logout();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.forgetDevice = v;
                            else
                                delete m.forgetDevice;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Logout message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Logout
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Logout & atoll.v1.Logout.$Shape} Logout
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Logout.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Logout
             * @function getTypeUrl
             * @memberof atoll.v1.Logout
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Logout.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Logout";
            };

            return Logout;
        })();

        v1.Send = (function() {

            /**
             * Properties of a Send.
             * @typedef {Object} atoll.v1.Send.$Properties
             * @property {string|null} [id] Send id
             * @property {string|null} [to] Send to
             * @property {Uint8Array|null} [body] Send body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Send.
             * @memberof atoll.v1
             * @interface ISend
             * @augments atoll.v1.Send.$Properties
             * @deprecated Use atoll.v1.Send.$Properties instead.
             */

            /**
             * Shape of a Send.
             * @typedef {atoll.v1.Send.$Properties} atoll.v1.Send.$Shape
             */

            /**
             * Constructs a new Send.
             * @memberof atoll.v1
             * @classdesc Represents a Send.
             * @constructor
             * @param {atoll.v1.Send.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Send = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Send id.
             * @member {string} id
             * @memberof atoll.v1.Send
             * @instance
             */
            Send.prototype.id = "";

            /**
             * Send to.
             * @member {string} to
             * @memberof atoll.v1.Send
             * @instance
             */
            Send.prototype.to = "";

            /**
             * Send body.
             * @member {Uint8Array} body
             * @memberof atoll.v1.Send
             * @instance
             */
            Send.prototype.body = $util.newBuffer([]);

            /**
             * Creates a new Send instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Send
             * @static
             * @param {atoll.v1.Send.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Send} Send instance
             * @type {{
             *   (properties: atoll.v1.Send.$Shape): atoll.v1.Send & atoll.v1.Send.$Shape;
             *   (properties?: atoll.v1.Send.$Properties): atoll.v1.Send;
             * }}
             */
            Send.create = function(properties) {
                return new Send(properties);
            };

            /**
             * Encodes the specified Send message. Does not implicitly {@link atoll.v1.Send.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Send
             * @static
             * @param {atoll.v1.Send.$Properties} m Send message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Send.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.to != null && $Object.hasOwnProperty.call(m, "to") && m.to !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.to);
                if (m.body != null && $Object.hasOwnProperty.call(m, "body") && m.body.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.body);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Send message, length delimited. Does not implicitly {@link atoll.v1.Send.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Send
             * @static
             * @param {atoll.v1.Send.$Properties} message Send message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Send.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Send message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Send
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Send & atoll.v1.Send.$Shape} Send
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Send.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Send();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.to = v;
                            else
                                delete m.to;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.body = v;
                            else
                                delete m.body;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Send message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Send
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Send & atoll.v1.Send.$Shape} Send
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Send.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Send
             * @function getTypeUrl
             * @memberof atoll.v1.Send
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Send.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Send";
            };

            return Send;
        })();

        v1.SendAck = (function() {

            /**
             * Properties of a SendAck.
             * @typedef {Object} atoll.v1.SendAck.$Properties
             * @property {string|null} [id] SendAck id
             * @property {number|null} [sentAt] SendAck sentAt
             * @property {boolean|null} [duplicate] SendAck duplicate
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SendAck.
             * @memberof atoll.v1
             * @interface ISendAck
             * @augments atoll.v1.SendAck.$Properties
             * @deprecated Use atoll.v1.SendAck.$Properties instead.
             */

            /**
             * Shape of a SendAck.
             * @typedef {atoll.v1.SendAck.$Properties} atoll.v1.SendAck.$Shape
             */

            /**
             * Constructs a new SendAck.
             * @memberof atoll.v1
             * @classdesc Represents a SendAck.
             * @constructor
             * @param {atoll.v1.SendAck.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SendAck = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SendAck id.
             * @member {string} id
             * @memberof atoll.v1.SendAck
             * @instance
             */
            SendAck.prototype.id = "";

            /**
             * SendAck sentAt.
             * @member {number} sentAt
             * @memberof atoll.v1.SendAck
             * @instance
             */
            SendAck.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SendAck duplicate.
             * @member {boolean} duplicate
             * @memberof atoll.v1.SendAck
             * @instance
             */
            SendAck.prototype.duplicate = false;

            /**
             * Creates a new SendAck instance using the specified properties.
             * @function create
             * @memberof atoll.v1.SendAck
             * @static
             * @param {atoll.v1.SendAck.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.SendAck} SendAck instance
             * @type {{
             *   (properties: atoll.v1.SendAck.$Shape): atoll.v1.SendAck & atoll.v1.SendAck.$Shape;
             *   (properties?: atoll.v1.SendAck.$Properties): atoll.v1.SendAck;
             * }}
             */
            SendAck.create = function(properties) {
                return new SendAck(properties);
            };

            /**
             * Encodes the specified SendAck message. Does not implicitly {@link atoll.v1.SendAck.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.SendAck
             * @static
             * @param {atoll.v1.SendAck.$Properties} m SendAck message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SendAck.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt") && (typeof m.sentAt === "object" ? m.sentAt.low || m.sentAt.high : m.sentAt !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.sentAt);
                if (m.duplicate != null && $Object.hasOwnProperty.call(m, "duplicate") && m.duplicate !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.duplicate);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SendAck message, length delimited. Does not implicitly {@link atoll.v1.SendAck.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.SendAck
             * @static
             * @param {atoll.v1.SendAck.$Properties} message SendAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SendAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SendAck message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.SendAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.SendAck & atoll.v1.SendAck.$Shape} SendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SendAck.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.SendAck();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAt = v;
                            else
                                delete m.sentAt;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.duplicate = v;
                            else
                                delete m.duplicate;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SendAck message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.SendAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.SendAck & atoll.v1.SendAck.$Shape} SendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SendAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for SendAck
             * @function getTypeUrl
             * @memberof atoll.v1.SendAck
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SendAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.SendAck";
            };

            return SendAck;
        })();

        v1.Deliver = (function() {

            /**
             * Properties of a Deliver.
             * @typedef {Object} atoll.v1.Deliver.$Properties
             * @property {number|null} [seq] Deliver seq
             * @property {atoll.v1.Message.$Properties|null} [message] Deliver message
             * @property {atoll.v1.Receipt.$Properties|null} [receipt] Deliver receipt
             * @property {"message"|"receipt"} [item] Deliver item
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Deliver.
             * @memberof atoll.v1
             * @interface IDeliver
             * @augments atoll.v1.Deliver.$Properties
             * @deprecated Use atoll.v1.Deliver.$Properties instead.
             */

            /**
             * Narrowed shape of a Deliver.
             * @typedef {{
             *   seq?: number|null;
             *   message?: atoll.v1.Message.$Shape|null;
             *   receipt?: atoll.v1.Receipt.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ item?: undefined; message?: null; receipt?: null }|{ item?: "message"; message: atoll.v1.Message.$Shape; receipt?: null }|{ item?: "receipt"; message?: null; receipt: atoll.v1.Receipt.$Shape })
             * )} atoll.v1.Deliver.$Shape
             */

            /**
             * Constructs a new Deliver.
             * @memberof atoll.v1
             * @classdesc Represents a Deliver.
             * @constructor
             * @param {atoll.v1.Deliver.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Deliver = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Deliver seq.
             * @member {number} seq
             * @memberof atoll.v1.Deliver
             * @instance
             */
            Deliver.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Deliver message.
             * @member {atoll.v1.Message.$Properties|null|undefined} message
             * @memberof atoll.v1.Deliver
             * @instance
             */
            Deliver.prototype.message = null;

            /**
             * Deliver receipt.
             * @member {atoll.v1.Receipt.$Properties|null|undefined} receipt
             * @memberof atoll.v1.Deliver
             * @instance
             */
            Deliver.prototype.receipt = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Deliver item.
             * @member {"message"|"receipt"|undefined} item
             * @memberof atoll.v1.Deliver
             * @instance
             */
            $Object.defineProperty(Deliver.prototype, "item", {
                get: $util.oneOfGetter($oneOfFields = ["message", "receipt"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Deliver instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Deliver
             * @static
             * @param {atoll.v1.Deliver.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Deliver} Deliver instance
             * @type {{
             *   (properties: atoll.v1.Deliver.$Shape): atoll.v1.Deliver & atoll.v1.Deliver.$Shape;
             *   (properties?: atoll.v1.Deliver.$Properties): atoll.v1.Deliver;
             * }}
             */
            Deliver.create = function(properties) {
                return new Deliver(properties);
            };

            /**
             * Encodes the specified Deliver message. Does not implicitly {@link atoll.v1.Deliver.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Deliver
             * @static
             * @param {atoll.v1.Deliver.$Properties} m Deliver message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Deliver.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.seq);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message"))
                    $root.atoll.v1.Message.encode(m.message, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt"))
                    $root.atoll.v1.Receipt.encode(m.receipt, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Deliver message, length delimited. Does not implicitly {@link atoll.v1.Deliver.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Deliver
             * @static
             * @param {atoll.v1.Deliver.$Properties} message Deliver message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Deliver.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Deliver message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Deliver
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Deliver & atoll.v1.Deliver.$Shape} Deliver
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Deliver.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Deliver();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.message = $root.atoll.v1.Message.decode(r, r.size(), $undefined, q + 1, m.message);
                            m.item = "message";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.receipt = $root.atoll.v1.Receipt.decode(r, r.size(), $undefined, q + 1, m.receipt);
                            m.item = "receipt";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Deliver message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Deliver
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Deliver & atoll.v1.Deliver.$Shape} Deliver
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Deliver.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Deliver
             * @function getTypeUrl
             * @memberof atoll.v1.Deliver
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Deliver.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Deliver";
            };

            return Deliver;
        })();

        v1.Message = (function() {

            /**
             * Properties of a Message.
             * @typedef {Object} atoll.v1.Message.$Properties
             * @property {string|null} [id] Message id
             * @property {string|null} [from] Message from
             * @property {string|null} [to] Message to
             * @property {Uint8Array|null} [body] Message body
             * @property {number|null} [sentAt] Message sentAt
             * @property {string|null} [fromDevice] Message fromDevice
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Message.
             * @memberof atoll.v1
             * @interface IMessage
             * @augments atoll.v1.Message.$Properties
             * @deprecated Use atoll.v1.Message.$Properties instead.
             */

            /**
             * Shape of a Message.
             * @typedef {atoll.v1.Message.$Properties} atoll.v1.Message.$Shape
             */

            /**
             * Constructs a new Message.
             * @memberof atoll.v1
             * @classdesc Represents a Message.
             * @constructor
             * @param {atoll.v1.Message.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Message = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Message id.
             * @member {string} id
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.id = "";

            /**
             * Message from.
             * @member {string} from
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.from = "";

            /**
             * Message to.
             * @member {string} to
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.to = "";

            /**
             * Message body.
             * @member {Uint8Array} body
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.body = $util.newBuffer([]);

            /**
             * Message sentAt.
             * @member {number} sentAt
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message fromDevice.
             * @member {string} fromDevice
             * @memberof atoll.v1.Message
             * @instance
             */
            Message.prototype.fromDevice = "";

            /**
             * Creates a new Message instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Message
             * @static
             * @param {atoll.v1.Message.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Message} Message instance
             * @type {{
             *   (properties: atoll.v1.Message.$Shape): atoll.v1.Message & atoll.v1.Message.$Shape;
             *   (properties?: atoll.v1.Message.$Properties): atoll.v1.Message;
             * }}
             */
            Message.create = function(properties) {
                return new Message(properties);
            };

            /**
             * Encodes the specified Message message. Does not implicitly {@link atoll.v1.Message.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Message
             * @static
             * @param {atoll.v1.Message.$Properties} m Message message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Message.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.from != null && $Object.hasOwnProperty.call(m, "from") && m.from !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.from);
                if (m.to != null && $Object.hasOwnProperty.call(m, "to") && m.to !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.to);
                if (m.body != null && $Object.hasOwnProperty.call(m, "body") && m.body.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.body);
                if (m.sentAt != null && $Object.hasOwnProperty.call(m, "sentAt") && (typeof m.sentAt === "object" ? m.sentAt.low || m.sentAt.high : m.sentAt !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.sentAt);
                if (m.fromDevice != null && $Object.hasOwnProperty.call(m, "fromDevice") && m.fromDevice !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.fromDevice);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Message message, length delimited. Does not implicitly {@link atoll.v1.Message.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Message
             * @static
             * @param {atoll.v1.Message.$Properties} message Message message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Message.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Message message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Message
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Message & atoll.v1.Message.$Shape} Message
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Message.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Message();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.from = v;
                            else
                                delete m.from;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.to = v;
                            else
                                delete m.to;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.body = v;
                            else
                                delete m.body;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAt = v;
                            else
                                delete m.sentAt;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fromDevice = v;
                            else
                                delete m.fromDevice;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Message message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Message
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Message & atoll.v1.Message.$Shape} Message
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Message.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Message
             * @function getTypeUrl
             * @memberof atoll.v1.Message
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Message.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Message";
            };

            return Message;
        })();

        v1.Receipt = (function() {

            /**
             * Properties of a Receipt.
             * @typedef {Object} atoll.v1.Receipt.$Properties
             * @property {atoll.v1.Receipt.Kind|null} [kind] Receipt kind
             * @property {string|null} [by] Receipt by
             * @property {Array.<string>|null} [ids] Receipt ids
             * @property {number|null} [at] Receipt at
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Receipt.
             * @memberof atoll.v1
             * @interface IReceipt
             * @augments atoll.v1.Receipt.$Properties
             * @deprecated Use atoll.v1.Receipt.$Properties instead.
             */

            /**
             * Shape of a Receipt.
             * @typedef {atoll.v1.Receipt.$Properties} atoll.v1.Receipt.$Shape
             */

            /**
             * Constructs a new Receipt.
             * @memberof atoll.v1
             * @classdesc Represents a Receipt.
             * @constructor
             * @param {atoll.v1.Receipt.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Receipt = function (p) {
                this.ids = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Receipt kind.
             * @member {atoll.v1.Receipt.Kind} kind
             * @memberof atoll.v1.Receipt
             * @instance
             */
            Receipt.prototype.kind = 0;

            /**
             * Receipt by.
             * @member {string} by
             * @memberof atoll.v1.Receipt
             * @instance
             */
            Receipt.prototype.by = "";

            /**
             * Receipt ids.
             * @member {Array.<string>} ids
             * @memberof atoll.v1.Receipt
             * @instance
             */
            Receipt.prototype.ids = $util.emptyArray;

            /**
             * Receipt at.
             * @member {number} at
             * @memberof atoll.v1.Receipt
             * @instance
             */
            Receipt.prototype.at = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Receipt instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Receipt
             * @static
             * @param {atoll.v1.Receipt.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Receipt} Receipt instance
             * @type {{
             *   (properties: atoll.v1.Receipt.$Shape): atoll.v1.Receipt & atoll.v1.Receipt.$Shape;
             *   (properties?: atoll.v1.Receipt.$Properties): atoll.v1.Receipt;
             * }}
             */
            Receipt.create = function(properties) {
                return new Receipt(properties);
            };

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link atoll.v1.Receipt.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Receipt
             * @static
             * @param {atoll.v1.Receipt.$Properties} m Receipt message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.kind);
                if (m.by != null && $Object.hasOwnProperty.call(m, "by") && m.by !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.by);
                if (m.ids != null && m.ids.length) {
                    for (var i = 0; i < m.ids.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.ids[i]);
                }
                if (m.at != null && $Object.hasOwnProperty.call(m, "at") && (typeof m.at === "object" ? m.at.low || m.at.high : m.at !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.at);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Receipt message, length delimited. Does not implicitly {@link atoll.v1.Receipt.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Receipt
             * @static
             * @param {atoll.v1.Receipt.$Properties} message Receipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Receipt & atoll.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Receipt();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.by = v;
                            else
                                delete m.by;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.ids && m.ids.length))
                                m.ids = [];
                            m.ids.push(r.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.at = v;
                            else
                                delete m.at;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Receipt & atoll.v1.Receipt.$Shape} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Receipt
             * @function getTypeUrl
             * @memberof atoll.v1.Receipt
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Receipt.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Receipt";
            };

            /**
             * Kind enum.
             * @name atoll.v1.Receipt.Kind
             * @enum {number}
             * @property {number} KIND_UNSPECIFIED=0 KIND_UNSPECIFIED value
             * @property {number} DELIVERED=1 DELIVERED value
             * @property {number} READ=2 READ value
             */
            Receipt.Kind = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "KIND_UNSPECIFIED"] = 0;
                values[valuesById[1] = "DELIVERED"] = 1;
                values[valuesById[2] = "READ"] = 2;
                return values;
            })();

            return Receipt;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} atoll.v1.Ack.$Properties
             * @property {number|null} [seq] Ack seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof atoll.v1
             * @interface IAck
             * @augments atoll.v1.Ack.$Properties
             * @deprecated Use atoll.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {atoll.v1.Ack.$Properties} atoll.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof atoll.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {atoll.v1.Ack.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Ack seq.
             * @member {number} seq
             * @memberof atoll.v1.Ack
             * @instance
             */
            Ack.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Ack
             * @static
             * @param {atoll.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Ack} Ack instance
             * @type {{
             *   (properties: atoll.v1.Ack.$Shape): atoll.v1.Ack & atoll.v1.Ack.$Shape;
             *   (properties?: atoll.v1.Ack.$Properties): atoll.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link atoll.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Ack
             * @static
             * @param {atoll.v1.Ack.$Properties} m Ack message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.seq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Ack message, length delimited. Does not implicitly {@link atoll.v1.Ack.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Ack
             * @static
             * @param {atoll.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Ack & atoll.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Ack();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Ack & atoll.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof atoll.v1.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Ack";
            };

            return Ack;
        })();

        v1.MarkRead = (function() {

            /**
             * Properties of a MarkRead.
             * @typedef {Object} atoll.v1.MarkRead.$Properties
             * @property {string|null} [from] MarkRead from
             * @property {Array.<string>|null} [ids] MarkRead ids
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MarkRead.
             * @memberof atoll.v1
             * @interface IMarkRead
             * @augments atoll.v1.MarkRead.$Properties
             * @deprecated Use atoll.v1.MarkRead.$Properties instead.
             */

            /**
             * Shape of a MarkRead.
             * @typedef {atoll.v1.MarkRead.$Properties} atoll.v1.MarkRead.$Shape
             */

            /**
             * Constructs a new MarkRead.
             * @memberof atoll.v1
             * @classdesc Represents a MarkRead.
             * @constructor
             * @param {atoll.v1.MarkRead.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MarkRead = function (p) {
                this.ids = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MarkRead from.
             * @member {string} from
             * @memberof atoll.v1.MarkRead
             * @instance
             */
            MarkRead.prototype.from = "";

            /**
             * MarkRead ids.
             * @member {Array.<string>} ids
             * @memberof atoll.v1.MarkRead
             * @instance
             */
            MarkRead.prototype.ids = $util.emptyArray;

            /**
             * Creates a new MarkRead instance using the specified properties.
             * @function create
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {atoll.v1.MarkRead.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.MarkRead} MarkRead instance
             * @type {{
             *   (properties: atoll.v1.MarkRead.$Shape): atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape;
             *   (properties?: atoll.v1.MarkRead.$Properties): atoll.v1.MarkRead;
             * }}
             */
            MarkRead.create = function(properties) {
                return new MarkRead(properties);
            };

            /**
             * Encodes the specified MarkRead message. Does not implicitly {@link atoll.v1.MarkRead.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {atoll.v1.MarkRead.$Properties} m MarkRead message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MarkRead.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.from != null && $Object.hasOwnProperty.call(m, "from") && m.from !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.from);
                if (m.ids != null && m.ids.length) {
                    for (var i = 0; i < m.ids.length; ++i)
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.ids[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified MarkRead message, length delimited. Does not implicitly {@link atoll.v1.MarkRead.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {atoll.v1.MarkRead.$Properties} message MarkRead message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MarkRead.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a MarkRead message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape} MarkRead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MarkRead.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.MarkRead();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.from = v;
                            else
                                delete m.from;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.ids && m.ids.length))
                                m.ids = [];
                            m.ids.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a MarkRead message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape} MarkRead
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MarkRead.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for MarkRead
             * @function getTypeUrl
             * @memberof atoll.v1.MarkRead
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MarkRead.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.MarkRead";
            };

            return MarkRead;
        })();

        v1.Typing = (function() {

            /**
             * Properties of a Typing.
             * @typedef {Object} atoll.v1.Typing.$Properties
             * @property {string|null} [to] Typing to
             * @property {string|null} [from] Typing from
             * @property {boolean|null} [active] Typing active
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Typing.
             * @memberof atoll.v1
             * @interface ITyping
             * @augments atoll.v1.Typing.$Properties
             * @deprecated Use atoll.v1.Typing.$Properties instead.
             */

            /**
             * Shape of a Typing.
             * @typedef {atoll.v1.Typing.$Properties} atoll.v1.Typing.$Shape
             */

            /**
             * Constructs a new Typing.
             * @memberof atoll.v1
             * @classdesc Represents a Typing.
             * @constructor
             * @param {atoll.v1.Typing.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Typing = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Typing to.
             * @member {string} to
             * @memberof atoll.v1.Typing
             * @instance
             */
            Typing.prototype.to = "";

            /**
             * Typing from.
             * @member {string} from
             * @memberof atoll.v1.Typing
             * @instance
             */
            Typing.prototype.from = "";

            /**
             * Typing active.
             * @member {boolean} active
             * @memberof atoll.v1.Typing
             * @instance
             */
            Typing.prototype.active = false;

            /**
             * Creates a new Typing instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Typing
             * @static
             * @param {atoll.v1.Typing.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Typing} Typing instance
             * @type {{
             *   (properties: atoll.v1.Typing.$Shape): atoll.v1.Typing & atoll.v1.Typing.$Shape;
             *   (properties?: atoll.v1.Typing.$Properties): atoll.v1.Typing;
             * }}
             */
            Typing.create = function(properties) {
                return new Typing(properties);
            };

            /**
             * Encodes the specified Typing message. Does not implicitly {@link atoll.v1.Typing.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Typing
             * @static
             * @param {atoll.v1.Typing.$Properties} m Typing message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Typing.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.to != null && $Object.hasOwnProperty.call(m, "to") && m.to !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.to);
                if (m.from != null && $Object.hasOwnProperty.call(m, "from") && m.from !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.from);
                if (m.active != null && $Object.hasOwnProperty.call(m, "active") && m.active !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.active);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Typing message, length delimited. Does not implicitly {@link atoll.v1.Typing.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Typing
             * @static
             * @param {atoll.v1.Typing.$Properties} message Typing message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Typing.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Typing message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Typing
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Typing & atoll.v1.Typing.$Shape} Typing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Typing.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Typing();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.to = v;
                            else
                                delete m.to;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.from = v;
                            else
                                delete m.from;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.active = v;
                            else
                                delete m.active;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Typing message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Typing
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Typing & atoll.v1.Typing.$Shape} Typing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Typing.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Typing
             * @function getTypeUrl
             * @memberof atoll.v1.Typing
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Typing.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Typing";
            };

            return Typing;
        })();

        v1.Subscribe = (function() {

            /**
             * Properties of a Subscribe.
             * @typedef {Object} atoll.v1.Subscribe.$Properties
             * @property {Array.<string>|null} [users] Subscribe users
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Subscribe.
             * @memberof atoll.v1
             * @interface ISubscribe
             * @augments atoll.v1.Subscribe.$Properties
             * @deprecated Use atoll.v1.Subscribe.$Properties instead.
             */

            /**
             * Shape of a Subscribe.
             * @typedef {atoll.v1.Subscribe.$Properties} atoll.v1.Subscribe.$Shape
             */

            /**
             * Constructs a new Subscribe.
             * @memberof atoll.v1
             * @classdesc Represents a Subscribe.
             * @constructor
             * @param {atoll.v1.Subscribe.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Subscribe = function (p) {
                this.users = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Subscribe users.
             * @member {Array.<string>} users
             * @memberof atoll.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.users = $util.emptyArray;

            /**
             * Creates a new Subscribe instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {atoll.v1.Subscribe.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Subscribe} Subscribe instance
             * @type {{
             *   (properties: atoll.v1.Subscribe.$Shape): atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape;
             *   (properties?: atoll.v1.Subscribe.$Properties): atoll.v1.Subscribe;
             * }}
             */
            Subscribe.create = function(properties) {
                return new Subscribe(properties);
            };

            /**
             * Encodes the specified Subscribe message. Does not implicitly {@link atoll.v1.Subscribe.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {atoll.v1.Subscribe.$Properties} m Subscribe message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Subscribe.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.users != null && m.users.length) {
                    for (var i = 0; i < m.users.length; ++i)
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.users[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Subscribe message, length delimited. Does not implicitly {@link atoll.v1.Subscribe.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {atoll.v1.Subscribe.$Properties} message Subscribe message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Subscribe.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Subscribe message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape} Subscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Subscribe.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Subscribe();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.users && m.users.length))
                                m.users = [];
                            m.users.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Subscribe message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape} Subscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Subscribe.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Subscribe
             * @function getTypeUrl
             * @memberof atoll.v1.Subscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Subscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Subscribe";
            };

            return Subscribe;
        })();

        v1.Unsubscribe = (function() {

            /**
             * Properties of an Unsubscribe.
             * @typedef {Object} atoll.v1.Unsubscribe.$Properties
             * @property {Array.<string>|null} [users] Unsubscribe users
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Unsubscribe.
             * @memberof atoll.v1
             * @interface IUnsubscribe
             * @augments atoll.v1.Unsubscribe.$Properties
             * @deprecated Use atoll.v1.Unsubscribe.$Properties instead.
             */

            /**
             * Shape of an Unsubscribe.
             * @typedef {atoll.v1.Unsubscribe.$Properties} atoll.v1.Unsubscribe.$Shape
             */

            /**
             * Constructs a new Unsubscribe.
             * @memberof atoll.v1
             * @classdesc Represents an Unsubscribe.
             * @constructor
             * @param {atoll.v1.Unsubscribe.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Unsubscribe = function (p) {
                this.users = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Unsubscribe users.
             * @member {Array.<string>} users
             * @memberof atoll.v1.Unsubscribe
             * @instance
             */
            Unsubscribe.prototype.users = $util.emptyArray;

            /**
             * Creates a new Unsubscribe instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {atoll.v1.Unsubscribe.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Unsubscribe} Unsubscribe instance
             * @type {{
             *   (properties: atoll.v1.Unsubscribe.$Shape): atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape;
             *   (properties?: atoll.v1.Unsubscribe.$Properties): atoll.v1.Unsubscribe;
             * }}
             */
            Unsubscribe.create = function(properties) {
                return new Unsubscribe(properties);
            };

            /**
             * Encodes the specified Unsubscribe message. Does not implicitly {@link atoll.v1.Unsubscribe.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {atoll.v1.Unsubscribe.$Properties} m Unsubscribe message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Unsubscribe.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.users != null && m.users.length) {
                    for (var i = 0; i < m.users.length; ++i)
                        w.uint32(/* id 1, wireType 2 =*/10).string(m.users[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Unsubscribe message, length delimited. Does not implicitly {@link atoll.v1.Unsubscribe.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {atoll.v1.Unsubscribe.$Properties} message Unsubscribe message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Unsubscribe.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Unsubscribe message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape} Unsubscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Unsubscribe.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Unsubscribe();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.users && m.users.length))
                                m.users = [];
                            m.users.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Unsubscribe message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape} Unsubscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Unsubscribe.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Unsubscribe
             * @function getTypeUrl
             * @memberof atoll.v1.Unsubscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Unsubscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Unsubscribe";
            };

            return Unsubscribe;
        })();

        v1.Presence = (function() {

            /**
             * Properties of a Presence.
             * @typedef {Object} atoll.v1.Presence.$Properties
             * @property {string|null} [user] Presence user
             * @property {atoll.v1.Presence.State|null} [state] Presence state
             * @property {number|null} [lastSeen] Presence lastSeen
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Presence.
             * @memberof atoll.v1
             * @interface IPresence
             * @augments atoll.v1.Presence.$Properties
             * @deprecated Use atoll.v1.Presence.$Properties instead.
             */

            /**
             * Shape of a Presence.
             * @typedef {atoll.v1.Presence.$Properties} atoll.v1.Presence.$Shape
             */

            /**
             * Constructs a new Presence.
             * @memberof atoll.v1
             * @classdesc Represents a Presence.
             * @constructor
             * @param {atoll.v1.Presence.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Presence = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Presence user.
             * @member {string} user
             * @memberof atoll.v1.Presence
             * @instance
             */
            Presence.prototype.user = "";

            /**
             * Presence state.
             * @member {atoll.v1.Presence.State} state
             * @memberof atoll.v1.Presence
             * @instance
             */
            Presence.prototype.state = 0;

            /**
             * Presence lastSeen.
             * @member {number} lastSeen
             * @memberof atoll.v1.Presence
             * @instance
             */
            Presence.prototype.lastSeen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Presence
             * @static
             * @param {atoll.v1.Presence.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Presence} Presence instance
             * @type {{
             *   (properties: atoll.v1.Presence.$Shape): atoll.v1.Presence & atoll.v1.Presence.$Shape;
             *   (properties?: atoll.v1.Presence.$Properties): atoll.v1.Presence;
             * }}
             */
            Presence.create = function(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link atoll.v1.Presence.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Presence
             * @static
             * @param {atoll.v1.Presence.$Properties} m Presence message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.user != null && $Object.hasOwnProperty.call(m, "user") && m.user !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.user);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.state);
                if (m.lastSeen != null && $Object.hasOwnProperty.call(m, "lastSeen") && (typeof m.lastSeen === "object" ? m.lastSeen.low || m.lastSeen.high : m.lastSeen !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.lastSeen);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Presence message, length delimited. Does not implicitly {@link atoll.v1.Presence.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Presence
             * @static
             * @param {atoll.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Presence & atoll.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Presence();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.user = v;
                            else
                                delete m.user;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.lastSeen = v;
                            else
                                delete m.lastSeen;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Presence & atoll.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Presence
             * @function getTypeUrl
             * @memberof atoll.v1.Presence
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Presence.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Presence";
            };

            /**
             * State enum.
             * @name atoll.v1.Presence.State
             * @enum {number}
             * @property {number} STATE_UNSPECIFIED=0 STATE_UNSPECIFIED value
             * @property {number} ONLINE=1 ONLINE value
             * @property {number} OFFLINE=2 OFFLINE value
             */
            Presence.State = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "STATE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "ONLINE"] = 1;
                values[valuesById[2] = "OFFLINE"] = 2;
                return values;
            })();

            return Presence;
        })();

        v1.SetPrivacy = (function() {

            /**
             * Properties of a SetPrivacy.
             * @typedef {Object} atoll.v1.SetPrivacy.$Properties
             * @property {boolean|null} [hideLastSeen] SetPrivacy hideLastSeen
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetPrivacy.
             * @memberof atoll.v1
             * @interface ISetPrivacy
             * @augments atoll.v1.SetPrivacy.$Properties
             * @deprecated Use atoll.v1.SetPrivacy.$Properties instead.
             */

            /**
             * Shape of a SetPrivacy.
             * @typedef {atoll.v1.SetPrivacy.$Properties} atoll.v1.SetPrivacy.$Shape
             */

            /**
             * Constructs a new SetPrivacy.
             * @memberof atoll.v1
             * @classdesc Represents a SetPrivacy.
             * @constructor
             * @param {atoll.v1.SetPrivacy.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetPrivacy = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SetPrivacy hideLastSeen.
             * @member {boolean} hideLastSeen
             * @memberof atoll.v1.SetPrivacy
             * @instance
             */
            SetPrivacy.prototype.hideLastSeen = false;

            /**
             * Creates a new SetPrivacy instance using the specified properties.
             * @function create
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {atoll.v1.SetPrivacy.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.SetPrivacy} SetPrivacy instance
             * @type {{
             *   (properties: atoll.v1.SetPrivacy.$Shape): atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape;
             *   (properties?: atoll.v1.SetPrivacy.$Properties): atoll.v1.SetPrivacy;
             * }}
             */
            SetPrivacy.create = function(properties) {
                return new SetPrivacy(properties);
            };

            /**
             * Encodes the specified SetPrivacy message. Does not implicitly {@link atoll.v1.SetPrivacy.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {atoll.v1.SetPrivacy.$Properties} m SetPrivacy message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetPrivacy.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.hideLastSeen != null && $Object.hasOwnProperty.call(m, "hideLastSeen") && m.hideLastSeen !== false)
                    w.uint32(/* id 1, wireType 0 =*/8).bool(m.hideLastSeen);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SetPrivacy message, length delimited. Does not implicitly {@link atoll.v1.SetPrivacy.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {atoll.v1.SetPrivacy.$Properties} message SetPrivacy message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetPrivacy.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SetPrivacy message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape} SetPrivacy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetPrivacy.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.SetPrivacy();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.hideLastSeen = v;
                            else
                                delete m.hideLastSeen;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SetPrivacy message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape} SetPrivacy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetPrivacy.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for SetPrivacy
             * @function getTypeUrl
             * @memberof atoll.v1.SetPrivacy
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SetPrivacy.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.SetPrivacy";
            };

            return SetPrivacy;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} atoll.v1.Error.$Properties
             * @property {atoll.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {boolean|null} [fatal] Error fatal
             * @property {number|null} [retryAfterMs] Error retryAfterMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof atoll.v1
             * @interface IError
             * @augments atoll.v1.Error.$Properties
             * @deprecated Use atoll.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {atoll.v1.Error.$Properties} atoll.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof atoll.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {atoll.v1.Error.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Error code.
             * @member {atoll.v1.ErrorCode} code
             * @memberof atoll.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof atoll.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error fatal.
             * @member {boolean} fatal
             * @memberof atoll.v1.Error
             * @instance
             */
            Error.prototype.fatal = false;

            /**
             * Error retryAfterMs.
             * @member {number} retryAfterMs
             * @memberof atoll.v1.Error
             * @instance
             */
            Error.prototype.retryAfterMs = 0;

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof atoll.v1.Error
             * @static
             * @param {atoll.v1.Error.$Properties=} [properties] Properties to set
             * @returns {atoll.v1.Error} Error instance
             * @type {{
             *   (properties: atoll.v1.Error.$Shape): atoll.v1.Error & atoll.v1.Error.$Shape;
             *   (properties?: atoll.v1.Error.$Properties): atoll.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link atoll.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof atoll.v1.Error
             * @static
             * @param {atoll.v1.Error.$Properties} m Error message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
                if (m.fatal != null && $Object.hasOwnProperty.call(m, "fatal") && m.fatal !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.fatal);
                if (m.retryAfterMs != null && $Object.hasOwnProperty.call(m, "retryAfterMs") && m.retryAfterMs !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.retryAfterMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Error message, length delimited. Does not implicitly {@link atoll.v1.Error.verify|verify} messages.
             * @function encodeDelimited
             * @memberof atoll.v1.Error
             * @static
             * @param {atoll.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof atoll.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {atoll.v1.Error & atoll.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.atoll.v1.Error();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.fatal = v;
                            else
                                delete m.fatal;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.retryAfterMs = v;
                            else
                                delete m.retryAfterMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Error message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof atoll.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {atoll.v1.Error & atoll.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof atoll.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/atoll.v1.Error";
            };

            return Error;
        })();

        /**
         * ErrorCode enum.
         * @name atoll.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} BAD_FRAME=100 BAD_FRAME value
         * @property {number} FRAME_TOO_LARGE=101 FRAME_TOO_LARGE value
         * @property {number} UNKNOWN_FRAME=102 UNKNOWN_FRAME value
         * @property {number} UNSUPPORTED_VERSION=103 UNSUPPORTED_VERSION value
         * @property {number} HELLO_REQUIRED=104 HELLO_REQUIRED value
         * @property {number} IDLE_TIMEOUT=105 IDLE_TIMEOUT value
         * @property {number} CONNECTION_LIMIT=106 CONNECTION_LIMIT value
         * @property {number} NOT_AUTHENTICATED=200 NOT_AUTHENTICATED value
         * @property {number} AUTH_FAILED=201 AUTH_FAILED value
         * @property {number} INVALID_TOKEN=202 INVALID_TOKEN value
         * @property {number} USER_EXISTS=203 USER_EXISTS value
         * @property {number} REGISTRATION_CLOSED=204 REGISTRATION_CLOSED value
         * @property {number} INVALID_ARGUMENT=205 INVALID_ARGUMENT value
         * @property {number} ALREADY_AUTHENTICATED=206 ALREADY_AUTHENTICATED value
         * @property {number} SESSION_REPLACED=207 SESSION_REPLACED value
         * @property {number} TOO_MANY_ATTEMPTS=208 TOO_MANY_ATTEMPTS value
         * @property {number} TOO_MANY_DEVICES=209 TOO_MANY_DEVICES value
         * @property {number} USER_NOT_FOUND=300 USER_NOT_FOUND value
         * @property {number} MESSAGE_TOO_LARGE=301 MESSAGE_TOO_LARGE value
         * @property {number} RATE_LIMITED=302 RATE_LIMITED value
         * @property {number} SLOW_CONSUMER=303 SLOW_CONSUMER value
         * @property {number} QUOTA_EXCEEDED=304 QUOTA_EXCEEDED value
         * @property {number} SERVER_BUSY=500 SERVER_BUSY value
         * @property {number} SHUTTING_DOWN=501 SHUTTING_DOWN value
         * @property {number} INTERNAL=502 INTERNAL value
         * @property {number} STORAGE_UNAVAILABLE=503 STORAGE_UNAVAILABLE value
         */
        v1.ErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[100] = "BAD_FRAME"] = 100;
            values[valuesById[101] = "FRAME_TOO_LARGE"] = 101;
            values[valuesById[102] = "UNKNOWN_FRAME"] = 102;
            values[valuesById[103] = "UNSUPPORTED_VERSION"] = 103;
            values[valuesById[104] = "HELLO_REQUIRED"] = 104;
            values[valuesById[105] = "IDLE_TIMEOUT"] = 105;
            values[valuesById[106] = "CONNECTION_LIMIT"] = 106;
            values[valuesById[200] = "NOT_AUTHENTICATED"] = 200;
            values[valuesById[201] = "AUTH_FAILED"] = 201;
            values[valuesById[202] = "INVALID_TOKEN"] = 202;
            values[valuesById[203] = "USER_EXISTS"] = 203;
            values[valuesById[204] = "REGISTRATION_CLOSED"] = 204;
            values[valuesById[205] = "INVALID_ARGUMENT"] = 205;
            values[valuesById[206] = "ALREADY_AUTHENTICATED"] = 206;
            values[valuesById[207] = "SESSION_REPLACED"] = 207;
            values[valuesById[208] = "TOO_MANY_ATTEMPTS"] = 208;
            values[valuesById[209] = "TOO_MANY_DEVICES"] = 209;
            values[valuesById[300] = "USER_NOT_FOUND"] = 300;
            values[valuesById[301] = "MESSAGE_TOO_LARGE"] = 301;
            values[valuesById[302] = "RATE_LIMITED"] = 302;
            values[valuesById[303] = "SLOW_CONSUMER"] = 303;
            values[valuesById[304] = "QUOTA_EXCEEDED"] = 304;
            values[valuesById[500] = "SERVER_BUSY"] = 500;
            values[valuesById[501] = "SHUTTING_DOWN"] = 501;
            values[valuesById[502] = "INTERNAL"] = 502;
            values[valuesById[503] = "STORAGE_UNAVAILABLE"] = 503;
            return values;
        })();

        return v1;
    })();

    return atoll;
})();

export {
  $root as default
};
