/**
 * "View CloudWatch logs" under a test result: opens Monitor at the log stream that holds this
 * invocation's lines. The stream is found as CloudWatch Logs would find it, by filtering the
 * function's log group for the request ID.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { functionLogGroup } from '../../emulator/index.ts';
import { h } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';
import { logPermissionsOf, missingLogsNotice } from '../log-permissions.ts';

/** The log stream holding `START RequestId: <id>`, or undefined when it is not (yet) there. */
export async function streamOfRequest(ctx: Ctx, functionName: string, requestId: string): Promise<string | undefined> {
  const out = await ctx.emu.logs.send(new FilterLogEventsCommand({ logGroupName: functionLogGroup(functionName), filterPattern: `"START RequestId: ${requestId}"` }));
  return out.events?.[0]?.logStreamName;
}

/** Opens the Monitor tab and brings the stream into view, expanded and focused. */
async function showStream(ctx: Ctx, stream: string): Promise<boolean> {
  ctx.showTab('monitor');
  ctx.changed('logs');
  // Monitor draws its streams asynchronously; wait for this one to appear (a few frames at most).
  for (let i = 0; i < 120; i++) {
    const code = [...document.querySelectorAll('[data-panel="monitor"] [data-log-stream]')].find((el) => el.textContent === stream);
    if (code) {
      const details = code.closest('details');
      if (details) details.open = true;
      const target = (code.closest('summary') ?? code) as HTMLElement;
      target.scrollIntoView({ block: 'start' });
      target.focus();
      return true;
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
  return false;
}

export function viewLogsLink(ctx: Ctx, functionName: string, requestId: string | undefined): HTMLElement | null {
  if (!requestId) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'wb-link',
      'data-action': 'view-logs',
      onclick: () =>
        void (async () => {
          try {
            const stream = await streamOfRequest(ctx, functionName, requestId);
            if (!stream) {
              const permissions = logPermissionsOf(ctx.emu.service, functionName);
              const groupExists = permissions !== undefined && ctx.emu.service.logs.groups[permissions.logGroup] !== undefined;
              return ctx.status(missingLogsNotice(permissions, groupExists) ?? `No log stream holds request ${requestId} yet.`, 'error');
            }
            if (!(await showStream(ctx, stream))) ctx.status(`Log stream ${stream} is in Monitor, under /aws/lambda/${functionName}.`, 'info');
          } catch (e) {
            ctx.status(describeError(e), 'error');
          }
        })(),
    },
    'View CloudWatch logs',
  );
}
