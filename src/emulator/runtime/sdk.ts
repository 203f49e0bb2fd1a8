/** What the SDK inside a guest gets when the host connects it to no account. */
import type { AwsAnswer } from './contract.ts';

export const SDK_NOT_CONNECTED: AwsAnswer = {
  error: { code: 'EmulatorError', message: 'This emulator host does not connect the SDK inside functions to an account.', status: 500, requestId: '', headers: {}, fields: {} },
};
