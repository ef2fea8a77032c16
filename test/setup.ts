// Ink treats any CI variable as CI and collapses frames after exit; CI runs with CI=true.
delete process.env.CI;
for (const key of Object.keys(process.env)) if (key.startsWith('CI_')) delete process.env[key];
// The SDK warns on Node < 22 on stderr; keep it out of captured output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
