// 64-bit fields (sequence numbers, unix ms) fit in a double far below 2^53: make protobufjs decode
// them as plain numbers, never as Long objects. Must be evaluated before the generated code, which
// reads the setting when it loads (framing.ts imports this module first).
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as never;
protobuf.configure();
