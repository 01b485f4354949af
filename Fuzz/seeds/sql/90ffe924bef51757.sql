SELECT eventtime,
  eventsource,
  eventname,
  awsregion,
  sourceipaddress,
  useragent,
  requestparameters,
  resources
FROM cloudtrail_logs_s3_trail_az_test_src
WHERE eventsource ='s3.amazonaws.com'
AND awsregion     = 'ap-northeast-1'
AND eventtime    >= '2018-08-26T05:59:00Z'
AND eventtime    <= '2018-08-26T06:11:00Z';