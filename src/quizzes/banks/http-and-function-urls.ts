import type { QuizBank } from '../schema.ts';

export default {
  id: 'http-and-function-urls',
  title: 'Check yourself: HTTP and function URLs',
  questions: [
    {
      id: 'plain-return',
      kind: 'single',
      prompt: 'A handler behind a function URL returns `{ "hello": "Ada" }` (no statusCode). What does the caller get?',
      options: [
        { id: '200-json', text: '200, content-type application/json, body {"hello":"Ada"}' },
        { id: '502', text: '502 Bad Gateway, because statusCode is missing' },
        { id: '204', text: '204 No Content' },
      ],
      answer: '200-json',
      explanation: 'A result without statusCode that is valid JSON is sent as the body of a 200 with content-type application/json. With statusCode, Lambda maps statusCode, headers, cookies and body.',
    },
    {
      id: 'event-fields',
      kind: 'output',
      prompt: 'What does this handler return for the payload format 2.0 event shown? Type the JSON.',
      code: `export const handler = async (event) => {
  return {
    method: event.requestContext.http.method,
    q: event.queryStringParameters.q,
    type: event.headers['content-type'],
  };
};`,
      event: '{"version":"2.0","rawPath":"/search","rawQueryString":"q=lambda","headers":{"content-type":"text/plain"},"queryStringParameters":{"q":"lambda"},"requestContext":{"http":{"method":"GET","path":"/search"}}}',
      ask: 'response',
      accepted: ['{"method":"GET","q":"lambda","type":"text/plain"}'],
      explanation: 'In payload format 2.0 the method is under requestContext.http, the parsed query in queryStringParameters, and header names arrive in lower case.',
    },
    {
      id: 'two-permissions',
      kind: 'multiple',
      prompt: 'A new function URL has auth type NONE. Which actions must the function’s resource-based policy allow to the public principal for it to answer? Choose all that apply.',
      options: [
        { id: 'url', text: 'lambda:InvokeFunctionUrl' },
        { id: 'invoke', text: 'lambda:InvokeFunction (limited to calls through a function URL)' },
        { id: 'get', text: 'lambda:GetFunctionUrlConfig' },
        { id: 'update', text: 'lambda:UpdateFunctionCode' },
      ],
      answers: ['url', 'invoke'],
      explanation: 'Since October 2025 a function URL needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction in the policy; without them it answers 403 Forbidden.',
    },
    {
      id: 'cors',
      kind: 'single',
      prompt: 'A page on https://shop.example.com calls your function URL with fetch() and the browser blocks the response. Where do you fix it?',
      options: [
        { id: 'url-cors', text: 'In the URL’s CORS settings: AllowOrigins https://shop.example.com and the methods and headers the page uses' },
        { id: 'auth', text: 'Change the auth type to AWS_IAM' },
        { id: 'role', text: 'Add the page’s origin to the execution role' },
      ],
      answer: 'url-cors',
      explanation: 'The URL’s Cors configuration makes Lambda answer the browser’s preflight OPTIONS request and add the Access-Control-* headers. CORS only tells browsers which pages may read responses; it is not access control.',
    },
    {
      id: 'url-or-gateway',
      kind: 'multiple',
      prompt: 'Which needs call for API Gateway rather than a function URL? Choose all that apply.',
      options: [
        { id: 'throttle', text: 'Rate limits and API keys per client' },
        { id: 'routes', text: 'Many routes, each to its own function' },
        { id: 'webhook', text: 'A webhook endpoint for one function' },
        { id: 'long', text: 'A request that may run for ten minutes' },
      ],
      answers: ['throttle', 'routes'],
      explanation: 'API Gateway brings routes, authorizers, throttling and usage plans. A single-function webhook fits a URL, and only a URL waits up to the function’s timeout: API Gateway integrations end after about 30 seconds.',
    },
  ],
} satisfies QuizBank;
