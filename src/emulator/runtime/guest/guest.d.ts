/** What the guest sources may name without declaring: the runtime helpers a chunk's BINDINGS line (guest/index.ts) declares. */
declare var call: any, push: any, split: any, startsWith: any, then: any, hostNow: any, hostLog: any, host: any;
declare var JSONStringify: any, JSONParse: any, StringCtor: any, ErrorCtor: any, SyntaxErrorCtor: any, TypeErrorCtor: any;
declare var PromiseResolve: any, PromiseCtor: any, ObjectKeys: any, ObjectCreate: any, StringSlice: any, requireBuiltin: any;
declare var restArgs: any, runtimeError: any, safeStringify: any;
