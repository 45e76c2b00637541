import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace atoll {

    namespace v1 {

        interface IFrame extends atoll.v1.Frame.$Properties {
        }

        class Frame {
            constructor(p?: atoll.v1.Frame.$Properties);
            $unknowns?: Uint8Array[];
            ref: number;
            hello?: (atoll.v1.Hello.$Properties|null);
            welcome?: (atoll.v1.Welcome.$Properties|null);
            ping?: (atoll.v1.Ping.$Properties|null);
            pong?: (atoll.v1.Pong.$Properties|null);
            error?: (atoll.v1.Error.$Properties|null);
            ok?: (atoll.v1.Ok.$Properties|null);
            register?: (atoll.v1.Register.$Properties|null);
            login?: (atoll.v1.Login.$Properties|null);
            resume?: (atoll.v1.Resume.$Properties|null);
            loginOk?: (atoll.v1.LoginOk.$Properties|null);
            logout?: (atoll.v1.Logout.$Properties|null);
            send?: (atoll.v1.Send.$Properties|null);
            sendAck?: (atoll.v1.SendAck.$Properties|null);
            deliver?: (atoll.v1.Deliver.$Properties|null);
            ack?: (atoll.v1.Ack.$Properties|null);
            markRead?: (atoll.v1.MarkRead.$Properties|null);
            typing?: (atoll.v1.Typing.$Properties|null);
            subscribe?: (atoll.v1.Subscribe.$Properties|null);
            unsubscribe?: (atoll.v1.Unsubscribe.$Properties|null);
            presence?: (atoll.v1.Presence.$Properties|null);
            setPrivacy?: (atoll.v1.SetPrivacy.$Properties|null);
            body?: ("hello"|"welcome"|"ping"|"pong"|"error"|"ok"|"register"|"login"|"resume"|"loginOk"|"logout"|"send"|"sendAck"|"deliver"|"ack"|"markRead"|"typing"|"subscribe"|"unsubscribe"|"presence"|"setPrivacy");
            static create(properties: atoll.v1.Frame.$Shape): atoll.v1.Frame & atoll.v1.Frame.$Shape;
            static create(properties?: atoll.v1.Frame.$Properties): atoll.v1.Frame;
            static encode(m: atoll.v1.Frame.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Frame & atoll.v1.Frame.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Frame & atoll.v1.Frame.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Frame {
            interface $Properties {
                ref?: (number|null);
                hello?: (atoll.v1.Hello.$Properties|null);
                welcome?: (atoll.v1.Welcome.$Properties|null);
                ping?: (atoll.v1.Ping.$Properties|null);
                pong?: (atoll.v1.Pong.$Properties|null);
                error?: (atoll.v1.Error.$Properties|null);
                ok?: (atoll.v1.Ok.$Properties|null);
                register?: (atoll.v1.Register.$Properties|null);
                login?: (atoll.v1.Login.$Properties|null);
                resume?: (atoll.v1.Resume.$Properties|null);
                loginOk?: (atoll.v1.LoginOk.$Properties|null);
                logout?: (atoll.v1.Logout.$Properties|null);
                send?: (atoll.v1.Send.$Properties|null);
                sendAck?: (atoll.v1.SendAck.$Properties|null);
                deliver?: (atoll.v1.Deliver.$Properties|null);
                ack?: (atoll.v1.Ack.$Properties|null);
                markRead?: (atoll.v1.MarkRead.$Properties|null);
                typing?: (atoll.v1.Typing.$Properties|null);
                subscribe?: (atoll.v1.Subscribe.$Properties|null);
                unsubscribe?: (atoll.v1.Unsubscribe.$Properties|null);
                presence?: (atoll.v1.Presence.$Properties|null);
                setPrivacy?: (atoll.v1.SetPrivacy.$Properties|null);
                body?: ("hello"|"welcome"|"ping"|"pong"|"error"|"ok"|"register"|"login"|"resume"|"loginOk"|"logout"|"send"|"sendAck"|"deliver"|"ack"|"markRead"|"typing"|"subscribe"|"unsubscribe"|"presence"|"setPrivacy");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              ref?: number|null;
              hello?: atoll.v1.Hello.$Shape|null;
              welcome?: atoll.v1.Welcome.$Shape|null;
              ping?: atoll.v1.Ping.$Shape|null;
              pong?: atoll.v1.Pong.$Shape|null;
              error?: atoll.v1.Error.$Shape|null;
              ok?: atoll.v1.Ok.$Shape|null;
              register?: atoll.v1.Register.$Shape|null;
              login?: atoll.v1.Login.$Shape|null;
              resume?: atoll.v1.Resume.$Shape|null;
              loginOk?: atoll.v1.LoginOk.$Shape|null;
              logout?: atoll.v1.Logout.$Shape|null;
              send?: atoll.v1.Send.$Shape|null;
              sendAck?: atoll.v1.SendAck.$Shape|null;
              deliver?: atoll.v1.Deliver.$Shape|null;
              ack?: atoll.v1.Ack.$Shape|null;
              markRead?: atoll.v1.MarkRead.$Shape|null;
              typing?: atoll.v1.Typing.$Shape|null;
              subscribe?: atoll.v1.Subscribe.$Shape|null;
              unsubscribe?: atoll.v1.Unsubscribe.$Shape|null;
              presence?: atoll.v1.Presence.$Shape|null;
              setPrivacy?: atoll.v1.SetPrivacy.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "hello"; hello: atoll.v1.Hello.$Shape; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "welcome"; hello?: null; welcome: atoll.v1.Welcome.$Shape; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ping"; hello?: null; welcome?: null; ping: atoll.v1.Ping.$Shape; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "pong"; hello?: null; welcome?: null; ping?: null; pong: atoll.v1.Pong.$Shape; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "error"; hello?: null; welcome?: null; ping?: null; pong?: null; error: atoll.v1.Error.$Shape; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ok"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok: atoll.v1.Ok.$Shape; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "register"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register: atoll.v1.Register.$Shape; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "login"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login: atoll.v1.Login.$Shape; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "resume"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume: atoll.v1.Resume.$Shape; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "loginOk"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk: atoll.v1.LoginOk.$Shape; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "logout"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout: atoll.v1.Logout.$Shape; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "send"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send: atoll.v1.Send.$Shape; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "sendAck"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck: atoll.v1.SendAck.$Shape; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "deliver"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver: atoll.v1.Deliver.$Shape; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "ack"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack: atoll.v1.Ack.$Shape; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "markRead"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead: atoll.v1.MarkRead.$Shape; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "typing"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing: atoll.v1.Typing.$Shape; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "subscribe"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe: atoll.v1.Subscribe.$Shape; unsubscribe?: null; presence?: null; setPrivacy?: null }|{ body?: "unsubscribe"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe: atoll.v1.Unsubscribe.$Shape; presence?: null; setPrivacy?: null }|{ body?: "presence"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence: atoll.v1.Presence.$Shape; setPrivacy?: null }|{ body?: "setPrivacy"; hello?: null; welcome?: null; ping?: null; pong?: null; error?: null; ok?: null; register?: null; login?: null; resume?: null; loginOk?: null; logout?: null; send?: null; sendAck?: null; deliver?: null; ack?: null; markRead?: null; typing?: null; subscribe?: null; unsubscribe?: null; presence?: null; setPrivacy: atoll.v1.SetPrivacy.$Shape })
            );
        }

        interface IHello extends atoll.v1.Hello.$Properties {
        }

        class Hello {
            constructor(p?: atoll.v1.Hello.$Properties);
            $unknowns?: Uint8Array[];
            protocolVersion: number;
            client: string;
            static create(properties: atoll.v1.Hello.$Shape): atoll.v1.Hello & atoll.v1.Hello.$Shape;
            static create(properties?: atoll.v1.Hello.$Properties): atoll.v1.Hello;
            static encode(m: atoll.v1.Hello.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Hello & atoll.v1.Hello.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Hello & atoll.v1.Hello.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {
            interface $Properties {
                protocolVersion?: (number|null);
                client?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Hello.$Properties;
        }

        interface IWelcome extends atoll.v1.Welcome.$Properties {
        }

        class Welcome {
            constructor(p?: atoll.v1.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            protocolVersion: number;
            server: string;
            maxFrameBytes: number;
            maxBodyBytes: number;
            heartbeatMs: number;
            idleTimeoutMs: number;
            registrationOpen: boolean;
            sendRatePerSec: number;
            sendBurst: number;
            static create(properties: atoll.v1.Welcome.$Shape): atoll.v1.Welcome & atoll.v1.Welcome.$Shape;
            static create(properties?: atoll.v1.Welcome.$Properties): atoll.v1.Welcome;
            static encode(m: atoll.v1.Welcome.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Welcome & atoll.v1.Welcome.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Welcome & atoll.v1.Welcome.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                protocolVersion?: (number|null);
                server?: (string|null);
                maxFrameBytes?: (number|null);
                maxBodyBytes?: (number|null);
                heartbeatMs?: (number|null);
                idleTimeoutMs?: (number|null);
                registrationOpen?: (boolean|null);
                sendRatePerSec?: (number|null);
                sendBurst?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Welcome.$Properties;
        }

        interface IPing extends atoll.v1.Ping.$Properties {
        }

        class Ping {
            constructor(p?: atoll.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            nonce: number;
            static create(properties: atoll.v1.Ping.$Shape): atoll.v1.Ping & atoll.v1.Ping.$Shape;
            static create(properties?: atoll.v1.Ping.$Properties): atoll.v1.Ping;
            static encode(m: atoll.v1.Ping.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Ping & atoll.v1.Ping.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Ping & atoll.v1.Ping.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                nonce?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Ping.$Properties;
        }

        interface IPong extends atoll.v1.Pong.$Properties {
        }

        class Pong {
            constructor(p?: atoll.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            nonce: number;
            static create(properties: atoll.v1.Pong.$Shape): atoll.v1.Pong & atoll.v1.Pong.$Shape;
            static create(properties?: atoll.v1.Pong.$Properties): atoll.v1.Pong;
            static encode(m: atoll.v1.Pong.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Pong & atoll.v1.Pong.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Pong & atoll.v1.Pong.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                nonce?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Pong.$Properties;
        }

        interface IOk extends atoll.v1.Ok.$Properties {
        }

        class Ok {
            constructor(p?: atoll.v1.Ok.$Properties);
            $unknowns?: Uint8Array[];
            static create(properties: atoll.v1.Ok.$Shape): atoll.v1.Ok & atoll.v1.Ok.$Shape;
            static create(properties?: atoll.v1.Ok.$Properties): atoll.v1.Ok;
            static encode(m: atoll.v1.Ok.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Ok.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Ok & atoll.v1.Ok.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Ok & atoll.v1.Ok.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ok {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Ok.$Properties;
        }

        interface IRegister extends atoll.v1.Register.$Properties {
        }

        class Register {
            constructor(p?: atoll.v1.Register.$Properties);
            $unknowns?: Uint8Array[];
            user: string;
            password: string;
            inviteCode: string;
            static create(properties: atoll.v1.Register.$Shape): atoll.v1.Register & atoll.v1.Register.$Shape;
            static create(properties?: atoll.v1.Register.$Properties): atoll.v1.Register;
            static encode(m: atoll.v1.Register.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Register.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Register & atoll.v1.Register.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Register & atoll.v1.Register.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Register {
            interface $Properties {
                user?: (string|null);
                password?: (string|null);
                inviteCode?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Register.$Properties;
        }

        interface ILogin extends atoll.v1.Login.$Properties {
        }

        class Login {
            constructor(p?: atoll.v1.Login.$Properties);
            $unknowns?: Uint8Array[];
            user: string;
            password: string;
            device: string;
            static create(properties: atoll.v1.Login.$Shape): atoll.v1.Login & atoll.v1.Login.$Shape;
            static create(properties?: atoll.v1.Login.$Properties): atoll.v1.Login;
            static encode(m: atoll.v1.Login.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Login.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Login & atoll.v1.Login.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Login & atoll.v1.Login.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Login {
            interface $Properties {
                user?: (string|null);
                password?: (string|null);
                device?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Login.$Properties;
        }

        interface IResume extends atoll.v1.Resume.$Properties {
        }

        class Resume {
            constructor(p?: atoll.v1.Resume.$Properties);
            $unknowns?: Uint8Array[];
            token: string;
            static create(properties: atoll.v1.Resume.$Shape): atoll.v1.Resume & atoll.v1.Resume.$Shape;
            static create(properties?: atoll.v1.Resume.$Properties): atoll.v1.Resume;
            static encode(m: atoll.v1.Resume.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Resume.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Resume & atoll.v1.Resume.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Resume & atoll.v1.Resume.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Resume {
            interface $Properties {
                token?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Resume.$Properties;
        }

        interface ILoginOk extends atoll.v1.LoginOk.$Properties {
        }

        class LoginOk {
            constructor(p?: atoll.v1.LoginOk.$Properties);
            $unknowns?: Uint8Array[];
            user: string;
            device: string;
            resumeToken: string;
            tokenExpiresAt: number;
            ackedSeq: number;
            serverTime: number;
            static create(properties: atoll.v1.LoginOk.$Shape): atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape;
            static create(properties?: atoll.v1.LoginOk.$Properties): atoll.v1.LoginOk;
            static encode(m: atoll.v1.LoginOk.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.LoginOk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.LoginOk & atoll.v1.LoginOk.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace LoginOk {
            interface $Properties {
                user?: (string|null);
                device?: (string|null);
                resumeToken?: (string|null);
                tokenExpiresAt?: (number|null);
                ackedSeq?: (number|null);
                serverTime?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.LoginOk.$Properties;
        }

        interface ILogout extends atoll.v1.Logout.$Properties {
        }

        class Logout {
            constructor(p?: atoll.v1.Logout.$Properties);
            $unknowns?: Uint8Array[];
            forgetDevice: boolean;
            static create(properties: atoll.v1.Logout.$Shape): atoll.v1.Logout & atoll.v1.Logout.$Shape;
            static create(properties?: atoll.v1.Logout.$Properties): atoll.v1.Logout;
            static encode(m: atoll.v1.Logout.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Logout.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Logout & atoll.v1.Logout.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Logout & atoll.v1.Logout.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Logout {
            interface $Properties {
                forgetDevice?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Logout.$Properties;
        }

        interface ISend extends atoll.v1.Send.$Properties {
        }

        class Send {
            constructor(p?: atoll.v1.Send.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            to: string;
            body: Uint8Array;
            static create(properties: atoll.v1.Send.$Shape): atoll.v1.Send & atoll.v1.Send.$Shape;
            static create(properties?: atoll.v1.Send.$Properties): atoll.v1.Send;
            static encode(m: atoll.v1.Send.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Send.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Send & atoll.v1.Send.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Send & atoll.v1.Send.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Send {
            interface $Properties {
                id?: (string|null);
                to?: (string|null);
                body?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Send.$Properties;
        }

        interface ISendAck extends atoll.v1.SendAck.$Properties {
        }

        class SendAck {
            constructor(p?: atoll.v1.SendAck.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            sentAt: number;
            duplicate: boolean;
            static create(properties: atoll.v1.SendAck.$Shape): atoll.v1.SendAck & atoll.v1.SendAck.$Shape;
            static create(properties?: atoll.v1.SendAck.$Properties): atoll.v1.SendAck;
            static encode(m: atoll.v1.SendAck.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.SendAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.SendAck & atoll.v1.SendAck.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.SendAck & atoll.v1.SendAck.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace SendAck {
            interface $Properties {
                id?: (string|null);
                sentAt?: (number|null);
                duplicate?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.SendAck.$Properties;
        }

        interface IDeliver extends atoll.v1.Deliver.$Properties {
        }

        class Deliver {
            constructor(p?: atoll.v1.Deliver.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            message?: (atoll.v1.Message.$Properties|null);
            receipt?: (atoll.v1.Receipt.$Properties|null);
            item?: ("message"|"receipt");
            static create(properties: atoll.v1.Deliver.$Shape): atoll.v1.Deliver & atoll.v1.Deliver.$Shape;
            static create(properties?: atoll.v1.Deliver.$Properties): atoll.v1.Deliver;
            static encode(m: atoll.v1.Deliver.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Deliver.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Deliver & atoll.v1.Deliver.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Deliver & atoll.v1.Deliver.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Deliver {
            interface $Properties {
                seq?: (number|null);
                message?: (atoll.v1.Message.$Properties|null);
                receipt?: (atoll.v1.Receipt.$Properties|null);
                item?: ("message"|"receipt");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              seq?: number|null;
              message?: atoll.v1.Message.$Shape|null;
              receipt?: atoll.v1.Receipt.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ item?: undefined; message?: null; receipt?: null }|{ item?: "message"; message: atoll.v1.Message.$Shape; receipt?: null }|{ item?: "receipt"; message?: null; receipt: atoll.v1.Receipt.$Shape })
            );
        }

        interface IMessage extends atoll.v1.Message.$Properties {
        }

        class Message {
            constructor(p?: atoll.v1.Message.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            from: string;
            to: string;
            body: Uint8Array;
            sentAt: number;
            fromDevice: string;
            static create(properties: atoll.v1.Message.$Shape): atoll.v1.Message & atoll.v1.Message.$Shape;
            static create(properties?: atoll.v1.Message.$Properties): atoll.v1.Message;
            static encode(m: atoll.v1.Message.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Message & atoll.v1.Message.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Message & atoll.v1.Message.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Message {
            interface $Properties {
                id?: (string|null);
                from?: (string|null);
                to?: (string|null);
                body?: (Uint8Array|null);
                sentAt?: (number|null);
                fromDevice?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Message.$Properties;
        }

        interface IReceipt extends atoll.v1.Receipt.$Properties {
        }

        class Receipt {
            constructor(p?: atoll.v1.Receipt.$Properties);
            $unknowns?: Uint8Array[];
            kind: atoll.v1.Receipt.Kind;
            by: string;
            ids: string[];
            at: number;
            static create(properties: atoll.v1.Receipt.$Shape): atoll.v1.Receipt & atoll.v1.Receipt.$Shape;
            static create(properties?: atoll.v1.Receipt.$Properties): atoll.v1.Receipt;
            static encode(m: atoll.v1.Receipt.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Receipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Receipt & atoll.v1.Receipt.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Receipt & atoll.v1.Receipt.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Receipt {
            interface $Properties {
                kind?: (atoll.v1.Receipt.Kind|null);
                by?: (string|null);
                ids?: (string[]|null);
                at?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Receipt.$Properties;

            enum Kind {
                KIND_UNSPECIFIED = 0,
                DELIVERED = 1,
                READ = 2
            }
        }

        interface IAck extends atoll.v1.Ack.$Properties {
        }

        class Ack {
            constructor(p?: atoll.v1.Ack.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            static create(properties: atoll.v1.Ack.$Shape): atoll.v1.Ack & atoll.v1.Ack.$Shape;
            static create(properties?: atoll.v1.Ack.$Properties): atoll.v1.Ack;
            static encode(m: atoll.v1.Ack.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Ack & atoll.v1.Ack.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Ack & atoll.v1.Ack.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                seq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Ack.$Properties;
        }

        interface IMarkRead extends atoll.v1.MarkRead.$Properties {
        }

        class MarkRead {
            constructor(p?: atoll.v1.MarkRead.$Properties);
            $unknowns?: Uint8Array[];
            from: string;
            ids: string[];
            static create(properties: atoll.v1.MarkRead.$Shape): atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape;
            static create(properties?: atoll.v1.MarkRead.$Properties): atoll.v1.MarkRead;
            static encode(m: atoll.v1.MarkRead.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.MarkRead.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.MarkRead & atoll.v1.MarkRead.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MarkRead {
            interface $Properties {
                from?: (string|null);
                ids?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.MarkRead.$Properties;
        }

        interface ITyping extends atoll.v1.Typing.$Properties {
        }

        class Typing {
            constructor(p?: atoll.v1.Typing.$Properties);
            $unknowns?: Uint8Array[];
            to: string;
            from: string;
            active: boolean;
            static create(properties: atoll.v1.Typing.$Shape): atoll.v1.Typing & atoll.v1.Typing.$Shape;
            static create(properties?: atoll.v1.Typing.$Properties): atoll.v1.Typing;
            static encode(m: atoll.v1.Typing.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Typing.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Typing & atoll.v1.Typing.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Typing & atoll.v1.Typing.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Typing {
            interface $Properties {
                to?: (string|null);
                from?: (string|null);
                active?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Typing.$Properties;
        }

        interface ISubscribe extends atoll.v1.Subscribe.$Properties {
        }

        class Subscribe {
            constructor(p?: atoll.v1.Subscribe.$Properties);
            $unknowns?: Uint8Array[];
            users: string[];
            static create(properties: atoll.v1.Subscribe.$Shape): atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape;
            static create(properties?: atoll.v1.Subscribe.$Properties): atoll.v1.Subscribe;
            static encode(m: atoll.v1.Subscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Subscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Subscribe & atoll.v1.Subscribe.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Subscribe {
            interface $Properties {
                users?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Subscribe.$Properties;
        }

        interface IUnsubscribe extends atoll.v1.Unsubscribe.$Properties {
        }

        class Unsubscribe {
            constructor(p?: atoll.v1.Unsubscribe.$Properties);
            $unknowns?: Uint8Array[];
            users: string[];
            static create(properties: atoll.v1.Unsubscribe.$Shape): atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape;
            static create(properties?: atoll.v1.Unsubscribe.$Properties): atoll.v1.Unsubscribe;
            static encode(m: atoll.v1.Unsubscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Unsubscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Unsubscribe & atoll.v1.Unsubscribe.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Unsubscribe {
            interface $Properties {
                users?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Unsubscribe.$Properties;
        }

        interface IPresence extends atoll.v1.Presence.$Properties {
        }

        class Presence {
            constructor(p?: atoll.v1.Presence.$Properties);
            $unknowns?: Uint8Array[];
            user: string;
            state: atoll.v1.Presence.State;
            lastSeen: number;
            static create(properties: atoll.v1.Presence.$Shape): atoll.v1.Presence & atoll.v1.Presence.$Shape;
            static create(properties?: atoll.v1.Presence.$Properties): atoll.v1.Presence;
            static encode(m: atoll.v1.Presence.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Presence & atoll.v1.Presence.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Presence & atoll.v1.Presence.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Presence {
            interface $Properties {
                user?: (string|null);
                state?: (atoll.v1.Presence.State|null);
                lastSeen?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Presence.$Properties;

            enum State {
                STATE_UNSPECIFIED = 0,
                ONLINE = 1,
                OFFLINE = 2
            }
        }

        interface ISetPrivacy extends atoll.v1.SetPrivacy.$Properties {
        }

        class SetPrivacy {
            constructor(p?: atoll.v1.SetPrivacy.$Properties);
            $unknowns?: Uint8Array[];
            hideLastSeen: boolean;
            static create(properties: atoll.v1.SetPrivacy.$Shape): atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape;
            static create(properties?: atoll.v1.SetPrivacy.$Properties): atoll.v1.SetPrivacy;
            static encode(m: atoll.v1.SetPrivacy.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.SetPrivacy.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.SetPrivacy & atoll.v1.SetPrivacy.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace SetPrivacy {
            interface $Properties {
                hideLastSeen?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.SetPrivacy.$Properties;
        }

        interface IError extends atoll.v1.Error.$Properties {
        }

        class Error {
            constructor(p?: atoll.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: atoll.v1.ErrorCode;
            message: string;
            fatal: boolean;
            retryAfterMs: number;
            static create(properties: atoll.v1.Error.$Shape): atoll.v1.Error & atoll.v1.Error.$Shape;
            static create(properties?: atoll.v1.Error.$Properties): atoll.v1.Error;
            static encode(m: atoll.v1.Error.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: atoll.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): atoll.v1.Error & atoll.v1.Error.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): atoll.v1.Error & atoll.v1.Error.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (atoll.v1.ErrorCode|null);
                message?: (string|null);
                fatal?: (boolean|null);
                retryAfterMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = atoll.v1.Error.$Properties;
        }

        enum ErrorCode {
            ERROR_CODE_UNSPECIFIED = 0,
            BAD_FRAME = 100,
            FRAME_TOO_LARGE = 101,
            UNKNOWN_FRAME = 102,
            UNSUPPORTED_VERSION = 103,
            HELLO_REQUIRED = 104,
            IDLE_TIMEOUT = 105,
            CONNECTION_LIMIT = 106,
            NOT_AUTHENTICATED = 200,
            AUTH_FAILED = 201,
            INVALID_TOKEN = 202,
            USER_EXISTS = 203,
            REGISTRATION_CLOSED = 204,
            INVALID_ARGUMENT = 205,
            ALREADY_AUTHENTICATED = 206,
            SESSION_REPLACED = 207,
            TOO_MANY_ATTEMPTS = 208,
            TOO_MANY_DEVICES = 209,
            USER_NOT_FOUND = 300,
            MESSAGE_TOO_LARGE = 301,
            RATE_LIMITED = 302,
            SLOW_CONSUMER = 303,
            QUOTA_EXCEEDED = 304,
            SERVER_BUSY = 500,
            SHUTTING_DOWN = 501,
            INTERNAL = 502,
            STORAGE_UNAVAILABLE = 503
        }
    }
}
