// A small streaming XML tokenizer for XMPP: reports the stream header, each complete top-level
// stanza as a tiny element tree, and the stream's end. Enough for c2s traffic; no DTDs, no namespaces resolution.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export interface XmlHandlers {
  streamStart(attrs: Record<string, string>): void;
  stanza(el: XmlElement): void;
  streamEnd(): void;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const MAX_BUFFER = 1 << 20;

export class XmlStream {
  private buf = '';
  private stack: XmlElement[] = [];
  private inStream = false;

  constructor(private readonly on: XmlHandlers) {}

  /** Starts over, as after SASL success (XMPP "stream restart"). */
  reset(): void {
    this.buf = '';
    this.stack = [];
    this.inStream = false;
  }

  push(chunk: string): void {
    this.buf += chunk;
    let pos = 0;
    for (;;) {
      const lt = this.buf.indexOf('<', pos);
      if (lt === -1) {
        this.text(this.buf.slice(pos));
        pos = this.buf.length;
        break;
      }
      if (lt > pos) this.text(this.buf.slice(pos, lt));
      const end = this.tagEnd(lt);
      if (end === -1) {
        pos = lt;
        break;
      }
      const consumed = this.tag(this.buf.slice(lt, end + 1));
      pos = end + 1;
      if (consumed === 'restart') {
        pos = this.buf.length; // the stream was reset by the handler; drop the rest of this chunk
        break;
      }
    }
    this.buf = this.buf.slice(pos);
    if (this.buf.length > MAX_BUFFER) throw new XmlError('XML tag longer than 1 MB');
  }

  /** Index of the '>' closing the tag at `lt`, skipping quoted attribute values; -1 if incomplete. */
  private tagEnd(lt: number): number {
    if (this.buf.startsWith('<!--', lt)) {
      const e = this.buf.indexOf('-->', lt + 4);
      return e === -1 ? -1 : e + 2;
    }
    let quote = '';
    for (let i = lt + 1; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i;
    }
    return -1;
  }

  private text(raw: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined && raw !== '') top.text += raw; // decoded when the element completes: an entity may span chunks
  }

  private tag(raw: string): 'ok' | 'restart' {
    if (raw.startsWith('<?') || raw.startsWith('<!')) return 'ok';
    if (raw.startsWith('</')) return this.close(raw.slice(2, -1).trim());
    const selfClosing = raw.endsWith('/>');
    const inner = raw.slice(1, selfClosing ? -2 : -1);
    const m = /^([^\s/>]+)/.exec(inner);
    if (m === null) throw new XmlError(`malformed tag ${raw.slice(0, 80)}`);
    const name = m[1];
    const el: XmlElement = { name, attrs: parseAttrs(inner.slice(name.length)), children: [], text: '' };
    if (!this.inStream && name === 'stream:stream') {
      this.inStream = true;
      const before = this.generation;
      this.on.streamStart(el.attrs);
      return before === this.generation ? 'ok' : 'restart';
    }
    if (selfClosing) return this.complete(el);
    this.stack.push(el);
    return 'ok';
  }

  private generation = 0;

  /** Like reset(), but for use from inside a handler while a chunk is being parsed. */
  restart(): void {
    this.reset();
    this.generation++;
  }

  private close(name: string): 'ok' | 'restart' {
    if (this.stack.length === 0) {
      if (name === 'stream:stream') this.on.streamEnd();
      return 'ok';
    }
    const el = this.stack.pop()!;
    if (el.name !== name) throw new XmlError(`</${name}> closes <${el.name}>`);
    return this.complete(el);
  }

  private complete(el: XmlElement): 'ok' | 'restart' {
    el.text = decodeEntities(el.text);
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      parent.children.push(el);
      return 'ok';
    }
    const before = this.generation;
    this.on.stanza(el);
    return before === this.generation ? 'ok' : 'restart';
  }
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) attrs[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&${c === '<' ? 'lt' : c === '>' ? 'gt' : c === '&' ? 'amp' : c === "'" ? 'apos' : 'quot'};`);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
