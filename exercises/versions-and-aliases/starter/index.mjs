export const handler = async (event) => {
  const response = {
    statusCode: 200,
    body: JSON.stringify(`Hello ${process.env.HELLO}!`),
  };
  return response;
};
