/**
 * The AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include, as guest modules in
 * /var/runtime/node_modules (after the function's own node_modules and its layers, as on Lambda, so
 * a bundled SDK wins). Each client's `send` carries (service, operation, input) to the host through
 * `__lambdaAwsSend`; the host runs it with the real SDK client as the function's execution role and
 * the answer comes back with the SDK's shapes: the output with `$metadata`, or an error with
 * `name`, `$fault` and `$metadata`. The operation lists are the installed SDK's commands (a test
 * compares them), so every command a handler imports exists.
 */
import { utf8 } from '../zip.ts';

interface SdkPackage {
  client: string;
  /** The service name the host's bridge knows it by (the SDK's signing name). */
  service: string;
  serviceException: string;
  /** Every `<Operation>Command` the package exports, without `Command`, space-separated. */
  operations: string;
}

export const SDK_PACKAGES: Readonly<Record<string, SdkPackage>> = {
  '@aws-sdk/client-lambda': { client: 'LambdaClient', service: 'lambda', serviceException: 'LambdaServiceException', operations: 'AddLayerVersionPermission AddPermission CheckpointDurableExecution CreateAlias CreateCapacityProvider CreateCodeSigningConfig CreateEventSourceMapping CreateFunction CreateFunctionUrlConfig DeleteAlias DeleteCapacityProvider DeleteCodeSigningConfig DeleteEventSourceMapping DeleteFunction DeleteFunctionCodeSigningConfig DeleteFunctionConcurrency DeleteFunctionEventInvokeConfig DeleteFunctionUrlConfig DeleteLayerVersion DeleteProvisionedConcurrencyConfig DeleteResourcePolicy GetAccountSettings GetAlias GetCapacityProvider GetCodeSigningConfig GetDurableExecution GetDurableExecutionHistory GetDurableExecutionState GetEventSourceMapping GetFunction GetFunctionCodeSigningConfig GetFunctionConcurrency GetFunctionConfiguration GetFunctionEventInvokeConfig GetFunctionRecursionConfig GetFunctionScalingConfig GetFunctionUrlConfig GetLayerVersion GetLayerVersionByArn GetLayerVersionPolicy GetPolicy GetProvisionedConcurrencyConfig GetResourcePolicy GetRuntimeManagementConfig Invoke InvokeAsync InvokeWithResponseStream ListAliases ListCapacityProviders ListCodeSigningConfigs ListDurableExecutionsByFunction ListEventSourceMappings ListFunctionEventInvokeConfigs ListFunctionUrlConfigs ListFunctionVersionsByCapacityProvider ListFunctions ListFunctionsByCodeSigningConfig ListLayerVersions ListLayers ListProvisionedConcurrencyConfigs ListTags ListVersionsByFunction PublishLayerVersion PublishVersion PutFunctionCodeSigningConfig PutFunctionConcurrency PutFunctionEventInvokeConfig PutFunctionRecursionConfig PutFunctionScalingConfig PutProvisionedConcurrencyConfig PutResourcePolicy PutRuntimeManagementConfig RemoveLayerVersionPermission RemovePermission SendDurableExecutionCallbackFailure SendDurableExecutionCallbackHeartbeat SendDurableExecutionCallbackSuccess StopDurableExecution TagResource UntagResource UpdateAlias UpdateCapacityProvider UpdateCodeSigningConfig UpdateEventSourceMapping UpdateFunctionCode UpdateFunctionConfiguration UpdateFunctionEventInvokeConfig UpdateFunctionUrlConfig' },
  '@aws-sdk/client-s3': { client: 'S3Client', service: 's3', serviceException: 'S3ServiceException', operations: 'AbortMultipartUpload CompleteMultipartUpload CopyObject CreateBucket CreateBucketMetadataConfiguration CreateBucketMetadataTableConfiguration CreateMultipartUpload CreateSession DeleteBucket DeleteBucketAnalyticsConfiguration DeleteBucketCors DeleteBucketEncryption DeleteBucketIntelligentTieringConfiguration DeleteBucketInventoryConfiguration DeleteBucketLifecycle DeleteBucketMetadataConfiguration DeleteBucketMetadataTableConfiguration DeleteBucketMetricsConfiguration DeleteBucketOwnershipControls DeleteBucketPolicy DeleteBucketReplication DeleteBucketTagging DeleteBucketWebsite DeleteObject DeleteObjectAnnotation DeleteObjectTagging DeleteObjects DeletePublicAccessBlock GetBucketAbac GetBucketAccelerateConfiguration GetBucketAcl GetBucketAnalyticsConfiguration GetBucketCors GetBucketEncryption GetBucketIntelligentTieringConfiguration GetBucketInventoryConfiguration GetBucketLifecycleConfiguration GetBucketLocation GetBucketLogging GetBucketMetadataConfiguration GetBucketMetadataTableConfiguration GetBucketMetricsConfiguration GetBucketNotificationConfiguration GetBucketOwnershipControls GetBucketPolicy GetBucketPolicyStatus GetBucketReplication GetBucketRequestPayment GetBucketTagging GetBucketVersioning GetBucketWebsite GetObject GetObjectAcl GetObjectAnnotation GetObjectAttributes GetObjectLegalHold GetObjectLockConfiguration GetObjectRetention GetObjectTagging GetObjectTorrent GetPublicAccessBlock HeadBucket HeadObject ListBucketAnalyticsConfigurations ListBucketIntelligentTieringConfigurations ListBucketInventoryConfigurations ListBucketMetricsConfigurations ListBuckets ListDirectoryBuckets ListMultipartUploads ListObjectAnnotations ListObjectVersions ListObjects ListObjectsV2 ListParts PutBucketAbac PutBucketAccelerateConfiguration PutBucketAcl PutBucketAnalyticsConfiguration PutBucketCors PutBucketEncryption PutBucketIntelligentTieringConfiguration PutBucketInventoryConfiguration PutBucketLifecycleConfiguration PutBucketLogging PutBucketMetricsConfiguration PutBucketNotificationConfiguration PutBucketOwnershipControls PutBucketPolicy PutBucketReplication PutBucketRequestPayment PutBucketTagging PutBucketVersioning PutBucketWebsite PutObject PutObjectAcl PutObjectAnnotation PutObjectLegalHold PutObjectLockConfiguration PutObjectRetention PutObjectTagging PutPublicAccessBlock RenameObject RestoreObject SelectObjectContent UpdateBucketMetadataAnnotationTableConfiguration UpdateBucketMetadataInventoryTableConfiguration UpdateBucketMetadataJournalTableConfiguration UpdateObjectEncryption UploadPart UploadPartCopy WriteGetObjectResponse' },
  '@aws-sdk/client-sqs': { client: 'SQSClient', service: 'sqs', serviceException: 'SQSServiceException', operations: 'AddPermission CancelMessageMoveTask ChangeMessageVisibility ChangeMessageVisibilityBatch CreateQueue DeleteMessage DeleteMessageBatch DeleteQueue GetQueueAttributes GetQueueUrl ListDeadLetterSourceQueues ListMessageMoveTasks ListQueueTags ListQueues PurgeQueue ReceiveMessage RemovePermission SendMessage SendMessageBatch SetQueueAttributes StartMessageMoveTask TagQueue UntagQueue' },
  '@aws-sdk/client-sns': { client: 'SNSClient', service: 'sns', serviceException: 'SNSServiceException', operations: 'AddPermission CheckIfPhoneNumberIsOptedOut ConfirmSubscription CreatePlatformApplication CreatePlatformEndpoint CreateSMSSandboxPhoneNumber CreateTopic DeleteEndpoint DeletePlatformApplication DeleteSMSSandboxPhoneNumber DeleteTopic GetDataProtectionPolicy GetEndpointAttributes GetPlatformApplicationAttributes GetSMSAttributes GetSMSSandboxAccountStatus GetSubscriptionAttributes GetTopicAttributes ListEndpointsByPlatformApplication ListOriginationNumbers ListPhoneNumbersOptedOut ListPlatformApplications ListSMSSandboxPhoneNumbers ListSubscriptions ListSubscriptionsByTopic ListTagsForResource ListTopics OptInPhoneNumber Publish PublishBatch PutDataProtectionPolicy RemovePermission SetEndpointAttributes SetPlatformApplicationAttributes SetSMSAttributes SetSubscriptionAttributes SetTopicAttributes Subscribe TagResource Unsubscribe UntagResource VerifySMSSandboxPhoneNumber' },
  '@aws-sdk/client-eventbridge': { client: 'EventBridgeClient', service: 'events', serviceException: 'EventBridgeServiceException', operations: 'ActivateEventSource CancelReplay CreateApiDestination CreateArchive CreateConnection CreateEndpoint CreateEventBus CreatePartnerEventSource DeactivateEventSource DeauthorizeConnection DeleteApiDestination DeleteArchive DeleteConnection DeleteEndpoint DeleteEventBus DeletePartnerEventSource DeleteRule DescribeApiDestination DescribeArchive DescribeConnection DescribeEndpoint DescribeEventBus DescribeEventSource DescribePartnerEventSource DescribeReplay DescribeRule DisableRule EnableRule ListApiDestinations ListArchives ListConnections ListEndpoints ListEventBuses ListEventSources ListPartnerEventSourceAccounts ListPartnerEventSources ListReplays ListRuleNamesByTarget ListRules ListTagsForResource ListTargetsByRule PutEvents PutPartnerEvents PutPermission PutRule PutTargets RemovePermission RemoveTargets StartReplay TagResource TestEventPattern UntagResource UpdateApiDestination UpdateArchive UpdateConnection UpdateEndpoint UpdateEventBus' },
  '@aws-sdk/client-cloudwatch-logs': { client: 'CloudWatchLogsClient', service: 'logs', serviceException: 'CloudWatchLogsServiceException', operations: 'AssociateKmsKey AssociateSourceToS3TableIntegration CancelExportTask CancelImportTask CreateDelivery CreateExportTask CreateImportTask CreateLogAnomalyDetector CreateLogGroup CreateLogStream CreateLookupTable CreateScheduledQuery DeleteAccountPolicy DeleteDataProtectionPolicy DeleteDelivery DeleteDeliveryDestination DeleteDeliveryDestinationPolicy DeleteDeliverySource DeleteDestination DeleteIndexPolicy DeleteIntegration DeleteLogAnomalyDetector DeleteLogGroup DeleteLogStream DeleteLookupTable DeleteMetricFilter DeleteQueryDefinition DeleteResourcePolicy DeleteRetentionPolicy DeleteScheduledQuery DeleteSubscriptionFilter DeleteSyslogConfiguration DeleteTransformer DescribeAccountPolicies DescribeConfigurationTemplates DescribeDeliveries DescribeDeliveryDestinations DescribeDeliverySources DescribeDestinations DescribeExportTasks DescribeFieldIndexes DescribeImportTaskBatches DescribeImportTasks DescribeIndexPolicies DescribeLogGroups DescribeLogStreams DescribeLookupTables DescribeMetricFilters DescribeQueries DescribeQueryDefinitions DescribeResourcePolicies DescribeSubscriptionFilters DisassociateKmsKey DisassociateSourceFromS3TableIntegration FilterLogEvents GetDataProtectionPolicy GetDelivery GetDeliveryDestination GetDeliveryDestinationPolicy GetDeliverySource GetIntegration GetLogAnomalyDetector GetLogEvents GetLogFields GetLogGroupFields GetLogObject GetLogRecord GetLookupTable GetQueryResults GetScheduledQuery GetScheduledQueryHistory GetStorageTierPolicy GetTransformer ListAggregateLogGroupSummaries ListAnomalies ListIntegrations ListLogAnomalyDetectors ListLogGroups ListLogGroupsForQuery ListScheduledQueries ListSourcesForS3TableIntegration ListSyslogConfigurations ListTagsForResource ListTagsLogGroup PutAccountPolicy PutBearerTokenAuthentication PutDataProtectionPolicy PutDeliveryDestination PutDeliveryDestinationPolicy PutDeliverySource PutDestination PutDestinationPolicy PutIndexPolicy PutIntegration PutLogEvents PutLogGroupDeletionProtection PutMetricFilter PutQueryDefinition PutResourcePolicy PutRetentionPolicy PutStorageTierPolicy PutSubscriptionFilter PutSyslogConfiguration PutTransformer StartLiveTail StartQuery StopQuery TagLogGroup TagResource TestMetricFilter TestTransformer UntagLogGroup UntagResource UpdateAnomaly UpdateDeliveryConfiguration UpdateLogAnomalyDetector UpdateLookupTable UpdateScheduledQuery' },
  '@aws-sdk/client-iam': { client: 'IAMClient', service: 'iam', serviceException: 'IAMServiceException', operations: 'AcceptDelegationRequest AcquireRole AddClientIDToOpenIDConnectProvider AddRoleToInstanceProfile AddUserToGroup AssociateDelegationRequest AttachGroupPolicy AttachRolePolicy AttachUserPolicy ChangePassword CreateAccessKey CreateAccountAlias CreateDelegationRequest CreateGroup CreateInstanceProfile CreateLoginProfile CreateOpenIDConnectProvider CreatePolicy CreatePolicyVersion CreateRole CreateSAMLProvider CreateServiceLinkedRole CreateServiceSpecificCredential CreateUser CreateVirtualMFADevice DeactivateMFADevice DeleteAccessKey DeleteAccountAlias DeleteAccountPasswordPolicy DeleteGroup DeleteGroupPolicy DeleteInstanceProfile DeleteLoginProfile DeleteOpenIDConnectProvider DeletePolicy DeletePolicyVersion DeleteRole DeleteRolePermissionsBoundary DeleteRolePolicy DeleteSAMLProvider DeleteSSHPublicKey DeleteServerCertificate DeleteServiceLinkedRole DeleteServiceSpecificCredential DeleteSigningCertificate DeleteUser DeleteUserPermissionsBoundary DeleteUserPolicy DeleteVirtualMFADevice DetachGroupPolicy DetachRolePolicy DetachUserPolicy DisableOrganizationsRootCredentialsManagement DisableOrganizationsRootSessions DisableOutboundWebIdentityFederation EnableMFADevice EnableOrganizationsRootCredentialsManagement EnableOrganizationsRootSessions EnableOutboundWebIdentityFederation GenerateCredentialReport GenerateOrganizationsAccessReport GenerateServiceLastAccessedDetails GetAccessKeyLastUsed GetAccountAuthorizationDetails GetAccountPasswordPolicy GetAccountProperties GetAccountSummary GetContextKeysForCustomPolicy GetContextKeysForPrincipalPolicy GetCredentialReport GetDelegationRequest GetGroup GetGroupPolicy GetHumanReadableSummary GetInstanceProfile GetLoginProfile GetMFADevice GetOpenIDConnectProvider GetOrganizationsAccessReport GetOutboundWebIdentityFederationInfo GetPolicy GetPolicyVersion GetRole GetRolePolicy GetRoleTemplateVersion GetSAMLProvider GetSSHPublicKey GetServerCertificate GetServiceLastAccessedDetails GetServiceLastAccessedDetailsWithEntities GetServiceLinkedRoleDeletionStatus GetUser GetUserPolicy ListAccessKeys ListAccountAliases ListAttachedGroupPolicies ListAttachedRolePolicies ListAttachedUserPolicies ListDelegationRequests ListEntitiesForPolicy ListGroupPolicies ListGroups ListGroupsForUser ListInstanceProfileTags ListInstanceProfiles ListInstanceProfilesForRole ListMFADeviceTags ListMFADevices ListOpenIDConnectProviderTags ListOpenIDConnectProviders ListOrganizationsFeatures ListPolicies ListPoliciesGrantingServiceAccess ListPolicyTags ListPolicyVersions ListRolePolicies ListRoleTags ListRoles ListSAMLProviderTags ListSAMLProviders ListSSHPublicKeys ListServerCertificateTags ListServerCertificates ListServiceSpecificCredentials ListSigningCertificates ListUserPolicies ListUserTags ListUsers ListVirtualMFADevices PutAccountProperties PutGroupPolicy PutRolePermissionsBoundary PutRolePolicy PutUserPermissionsBoundary PutUserPolicy RejectDelegationRequest RemoveClientIDFromOpenIDConnectProvider RemoveRoleFromInstanceProfile RemoveUserFromGroup ResetServiceSpecificCredential ResyncMFADevice SendDelegationToken SetDefaultPolicyVersion SetSecurityTokenServicePreferences SimulateCustomPolicy SimulatePrincipalPolicy TagInstanceProfile TagMFADevice TagOpenIDConnectProvider TagPolicy TagRole TagSAMLProvider TagServerCertificate TagUser UntagInstanceProfile UntagMFADevice UntagOpenIDConnectProvider UntagPolicy UntagRole UntagSAMLProvider UntagServerCertificate UntagUser UpdateAccessKey UpdateAccountPasswordPolicy UpdateAssumeRolePolicy UpdateDelegationRequest UpdateGroup UpdateLoginProfile UpdateOpenIDConnectProvider UpdateOpenIDConnectProviderThumbprint UpdateRole UpdateRoleDescription UpdateSAMLProvider UpdateSSHPublicKey UpdateServerCertificate UpdateServiceSpecificCredential UpdateSigningCertificate UpdateUser UploadSSHPublicKey UploadServerCertificate UploadSigningCertificate' },
  '@aws-sdk/client-sts': { client: 'STSClient', service: 'sts', serviceException: 'STSServiceException', operations: 'AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity AssumeRoot DecodeAuthorizationMessage GetAccessKeyInfo GetCallerIdentity GetDelegatedAccessToken GetFederationToken GetScopedCredentials GetSessionToken GetWebIdentityToken' },
};

/** Where Lambda's Node.js runtimes keep the SDK: on NODE_PATH after the layers. */
export const RUNTIME_NODE_MODULES = '/var/runtime/node_modules';

/** The client module's source: CommonJS, so both `require` and `import { X }` work. */
function clientSource(pkg: SdkPackage): string {
  const commands = pkg.operations.split(' ').map((op) => `exports.${op}Command = command(${JSON.stringify(op)});`).join('\n');
  return `'use strict';
const { Buffer } = require('buffer');
const send = globalThis.__lambdaAwsSend;
const SERVICE = ${JSON.stringify(pkg.service)};
function toWire(v) {
  if (v instanceof Uint8Array) return { __bytes__: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof Date) return { __datetime__: v.toISOString() };
  if (Array.isArray(v)) return v.map(toWire);
  if (v && typeof v === 'object') { const o = {}; for (const k of Object.keys(v)) if (v[k] !== undefined) o[k] = toWire(v[k]); return o; }
  return v;
}
function blob(bytes) {
  Object.defineProperty(bytes, 'transformToString', { value: function (encoding) { return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString(encoding || 'utf8'); } });
  return bytes;
}
function fromWire(v) {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && typeof v.__bytes__ === 'string') { const b = Buffer.from(v.__bytes__, 'base64'); return blob(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)); }
    if (keys.length === 1 && typeof v.__datetime__ === 'string') return new Date(v.__datetime__);
    const o = {}; for (const k of keys) o[k] = fromWire(v[k]); return o;
  }
  return v;
}
class ${pkg.serviceException} extends Error {
  constructor(options) {
    super(options.message);
    Object.defineProperty(this, 'name', { value: options.name, writable: true, configurable: true });
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }
}
function metadata(status, requestId) { return { httpStatusCode: status, requestId: requestId || undefined, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 }; }
const middlewareStack = () => ({ add() {}, addRelativeTo() {}, use() {}, remove() { return false; }, clone() { return middlewareStack(); } });
class ${pkg.client} {
  constructor(config) { this.config = Object.assign({}, config); this.middlewareStack = middlewareStack(); }
  send(command, optionsOrCb, cb) {
    const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
    const operation = command && command.constructor && command.constructor.operation;
    const done = send(SERVICE, String(operation), JSON.stringify(toWire((command && command.input) || {}))).then((wire) => {
      // Most answers carry no blob or timestamp: parsed, not walked.
      const parsed = JSON.parse(wire);
      const answer = wire.indexOf('"__') === -1 ? parsed : fromWire(parsed);
      if (answer.error) {
        const e = answer.error;
        const err = new ${pkg.serviceException}({ name: e.code, message: e.message, $fault: e.status >= 500 ? 'server' : 'client', $metadata: metadata(e.status, e.requestId) });
        for (const k of Object.keys(e.fields || {})) if (!(k in err)) err[k] = e.fields[k];
        throw err;
      }
      return Object.assign({ $metadata: metadata(answer.status, answer.requestId) }, answer.output);
    });
    if (!callback) return done;
    done.then((data) => callback(null, data), (err) => callback(err));
  }
  destroy() {}
}
function command(operation) {
  const name = operation + 'Command';
  const Command = { [name]: class { constructor(input) { this.input = input === undefined ? {} : input; this.middlewareStack = middlewareStack(); } } }[name];
  Object.defineProperty(Command, 'operation', { value: operation });
  return Command;
}
exports.${pkg.client} = ${pkg.client};
exports.${pkg.serviceException} = ${pkg.serviceException};
${commands}
`;
}

let files: Record<string, Uint8Array> | undefined;

/** The SDK's packages as files under /var/runtime/node_modules, built once and shared by every environment. */
export function sdkPackageFiles(): Record<string, Uint8Array> {
  if (files) return files;
  files = {};
  for (const [name, pkg] of Object.entries(SDK_PACKAGES)) {
    files[`${name}/package.json`] = utf8(JSON.stringify({ name, main: './dist-cjs/index.js' }));
    files[`${name}/dist-cjs/index.js`] = utf8(clientSource(pkg));
  }
  return files;
}
