/**
 * The guest half of Lambda's Python runtime: real Python files beside this one, imported as text
 * with `?raw` (Vite in the page and tests, src/hosts/node/text-imports.mjs in Node) and written to
 * /var/runtime in each interpreter, where PYTHONPATH points as on Lambda.
 */
import bootstrap from './guest/bootstrap.py?raw';
import boto3 from './guest/boto3/__init__.py?raw';
import boto3Session from './guest/boto3/session.py?raw';
import botocore from './guest/botocore/__init__.py?raw';
import botocoreClient from './guest/botocore/client.py?raw';
import botocoreEndpoint from './guest/botocore/endpoint.py?raw';
import botocoreExceptions from './guest/botocore/exceptions.py?raw';
import botocoreResponse from './guest/botocore/response.py?raw';

/** Paths relative to /var/runtime: the runtime, and the boto3 it includes, as Lambda's does. */
export const RUNTIME_FILES: Readonly<Record<string, string>> = {
  'bootstrap.py': bootstrap,
  'boto3/__init__.py': boto3,
  'boto3/session.py': boto3Session,
  'botocore/__init__.py': botocore,
  'botocore/client.py': botocoreClient,
  'botocore/endpoint.py': botocoreEndpoint,
  'botocore/exceptions.py': botocoreExceptions,
  'botocore/response.py': botocoreResponse,
};
