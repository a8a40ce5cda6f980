// Lambda entry point; wired in the next commits (this file exists so the CDK stack can bundle it).
export const handler = async () => {
  throw new Error('admin-api handler not wired yet');
};
