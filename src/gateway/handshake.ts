// The opening of a connection: the Hello it must start with and the Welcome that answers it (the
// server's limits), then, once an account step has proven a device, binding that device to the
// connection in its inbox and the LoginOk from which deliveries resume where its acks left off.
import { ErrorCode, PROTOCOL_VERSION, type DecodedFrame, type Frame } from '../protocol/framing.js';
import type { SessionAddress } from '../services/sessions/api.js';
import type { Authenticated } from './account-workflow.js';
import type { GatewayContext } from './context.js';

/** The answer to a connection's first frame: the Welcome, or why the connection ends. */
export type HelloAnswer = { welcome: Frame } | { code: ErrorCode; message: string };

export function answerHello(ctx: GatewayContext, frame: DecodedFrame): HelloAnswer {
  if (frame.body !== 'hello') return { code: ErrorCode.HELLO_REQUIRED, message: 'the first frame must be Hello' };
  if (frame.hello.protocolVersion !== PROTOCOL_VERSION) {
    return { code: ErrorCode.UNSUPPORTED_VERSION, message: `protocol version ${frame.hello.protocolVersion} is not supported; this server speaks ${PROTOCOL_VERSION}` };
  }
  const c = ctx.config;
  return {
    welcome: {
      welcome: {
        protocolVersion: PROTOCOL_VERSION, server: ctx.serverName, maxFrameBytes: c.maxFrameBytes,
        maxBodyBytes: c.maxBodyBytes, heartbeatMs: c.heartbeatMs, idleTimeoutMs: c.idleTimeoutMs,
        registrationOpen: c.openRegistration, sendRatePerSec: c.sendRatePerSec, sendBurst: c.sendBurst,
      },
    },
  };
}

/**
 * Binds the device to the session's address in its inbox and returns the seq it acked last; null
 * if the connection closed meanwhile (the device is unbound again).
 */
export async function bindDevice(ctx: GatewayContext, { user, device }: Authenticated, address: SessionAddress, alive: () => boolean): Promise<number | null> {
  const { ackedSeq } = await ctx.router.call('inbox', user, { type: 'attach', user, device, session: address });
  if (alive()) return ackedSeq;
  ctx.router.tell('inbox', user, { type: 'detach', user, device, sessionId: address.id });
  return null;
}

export function loginOk({ user, device, token, expiresAt }: Authenticated, ackedSeq: number): Frame {
  return { loginOk: { user, device, resumeToken: token, tokenExpiresAt: expiresAt, ackedSeq, serverTime: Date.now() } };
}

/** Lets the queued items flow to the bound session, up to `credit` bytes (after LoginOk went out). */
export function startDeliveries(ctx: GatewayContext, { user, device }: Authenticated, address: SessionAddress, credit: number): void {
  ctx.router.tell('inbox', user, { type: 'start', user, device, sessionId: address.id, credit });
}
