// A function URL hands the handler a payload format 2.0 event: the query string is in
// queryStringParameters, and the returned statusCode, headers and body become the HTTP response.
export const handler = async (event) => {
  const name = event.queryStringParameters?.name;
  if (!name) {
    return {
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Add ?name=... to the URL.' }),
    };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${name}!` }),
  };
};
