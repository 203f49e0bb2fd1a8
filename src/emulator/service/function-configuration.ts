/** FunctionConfiguration as Lambda returns it from Get, Update, Publish and List operations. */
import { fnv1a } from '../seeded.ts';
import { arnOf, type Json, type ServiceContext } from './context.ts';
import type { VersionConfig } from './state.ts';
import { loggingConfigView } from './logging-config.ts';

/** The full view; `qualifier` qualifies FunctionArn. */
export function configView(ctx: ServiceContext, c: VersionConfig, qualifier: string | undefined): Json {
  return {
    Architectures: [...c.Architectures],
    CodeSha256: c.CodeSha256,
    CodeSize: c.CodeSize,
    ...(c.DeadLetterTargetArn ? { DeadLetterConfig: { TargetArn: c.DeadLetterTargetArn } } : {}),
    Description: c.Description,
    ...(c.Environment ? { Environment: { Variables: { ...c.Environment } } } : {}),
    EphemeralStorage: { Size: c.EphemeralStorageSize },
    FunctionArn: arnOf(ctx, c.FunctionName, qualifier),
    FunctionName: c.FunctionName,
    Handler: c.Handler,
    LastModified: c.LastModified,
    LastUpdateStatus: 'Successful',
    ...(c.Layers.length > 0
      ? { Layers: c.Layers.map((arn) => ({ Arn: arn, CodeSize: ctx.layers.versionByArn(arn)?.CodeSize ?? 0 })) }
      : {}),
    LoggingConfig: loggingConfigView(c),
    MemorySize: c.MemorySize,
    PackageType: 'Zip',
    RevisionId: c.RevisionId,
    Role: c.Role,
    Runtime: c.Runtime,
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(ctx.region, c.Runtime) },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    State: c.State,
    Timeout: c.Timeout,
    TracingConfig: { Mode: c.TracingMode },
    Version: c.Version,
  };
}

/** List entries: Lambda leaves out the state fields and RuntimeVersionConfig there. */
export function listView(ctx: ServiceContext, c: VersionConfig, qualifier: string | undefined): Json {
  const { LastUpdateStatus: _s, State: _t, RuntimeVersionConfig: _r, ...rest } = configView(ctx, c, qualifier);
  return rest;
}

/** Update responses: Lambda reports the update as still in progress; the next read says Successful. */
export function inProgress(view: Json): Json {
  return { ...view, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating' };
}

/** A stable, runtime-specific ARN in Lambda's format (the hash is the emulator's own). */
function runtimeVersionArn(region: string, runtime: string): string {
  let h: number | undefined;
  const hex: string[] = [];
  for (let round = 0; round < 8; round++) {
    h = fnv1a(`${runtime}#${round}`, h);
    hex.push(h.toString(16).padStart(8, '0'));
  }
  return `arn:aws:lambda:${region}::runtime:${hex.join('')}`;
}
